"""Response headers with the request's query count and time, for the benchmark only.

`connection.queries` is filled only with DEBUG on or `force_debug_cursor`; DEBUG stays off
(bench.settings), so the cursor is forced for the duration of each request. With
BENCH_QUERY_LOG set to a folder, the queries of each page's costliest request are written there
as JSON, so the benchmark can show which queries a page spends its time in.
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
        self.most = {}

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
            # The request with the most queries of each page (in this worker): what the
            # benchmark's "Queries" column counts.
            path = self.log_folder / f"{label}.json"
            if len(queries) >= self.most.get(label, 0) or not path.exists():
                self.most[label] = len(queries)
                self.log_folder.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps(queries, indent=1))
        return response
