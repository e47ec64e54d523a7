"""`make bench`: a large throwaway dataset, served by gunicorn and measured (see README "Benchmark")."""
