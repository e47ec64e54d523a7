"""Response headers with the request's query count and time, for the benchmark only.

`connection.queries` is filled only with DEBUG on or `force_debug_cursor`; DEBUG stays off
(bench.settings), so the cursor is forced for the duration of each request. With
BENCH_QUERY_LOG set to a folder, each request's queries are written there as JSON, so the
benchmark can show which queries a slow page spends its time in.
"""

import json
import os
import time
from pathlib import Path

from django.db import connection, reset_queries


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        folder = os.environ.get("BENCH_QUERY_LOG")
        self.log_folder = Path(folder) if folder else None

    def __call__(self, request):
        connection.force_debug_cursor = True
        reset_queries()
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            elapsed = (time.perf_counter() - started) * 1000
            queries = list(connection.queries)
        finally:
            connection.force_debug_cursor = False
        response["X-Bench-Queries"] = str(len(queries))
        response["X-Bench-Query-Ms"] = f"{sum(float(query['time']) for query in queries) * 1000:.2f}"
        response["X-Bench-App-Ms"] = f"{elapsed:.2f}"
        label = request.headers.get("X-Bench-Label")
        if self.log_folder is not None and label:
            self.log_folder.mkdir(parents=True, exist_ok=True)
            (self.log_folder / f"{label}.json").write_text(json.dumps(queries, indent=1))
        return response
