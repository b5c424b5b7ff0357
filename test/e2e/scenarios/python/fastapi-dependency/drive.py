"""Drives fastapi-dependency/before.py or its rewrite as FastAPI drives a
dependency with yield (contextlib.contextmanager around the generator, the
request's error thrown into it): drive.py <dir> <before|after> <app> <calls> <threads>.
Every fifth request fails in its handler, after its query."""
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import backends, emit, error_name, load, use_server  # noqa: E402

directory, name, app = sys.argv[1:4]
calls, threads = int(sys.argv[4]), int(sys.argv[5])
use_server(app)
m = load(directory, name)
dependency = contextmanager(m.get_db)


class HandlerFailed(Exception):
    pass


def request(i):
    try:
        with dependency() as conn:
            user, pid = m.user_name(conn, i % 50 + 1)
            if i % 5 == 4:
                raise HandlerFailed("the handler failed after its query")
            return {"user": user, "pid": pid}
    except Exception as error:  # noqa: BLE001 - the outcome is the measurement
        return {"error": error_name(error)}


started = time.perf_counter()
with ThreadPoolExecutor(threads) as executor:
    outcomes = list(executor.map(request, range(calls)))
total_ms = round((time.perf_counter() - started) * 1000)
errors = {}
for o in outcomes:
    if "error" in o:
        errors[o["error"]] = errors.get(o["error"], 0) + 1
emit({
    "users": [o.get("user") for o in outcomes],
    "sessions": len({o["pid"] for o in outcomes if "pid" in o}),
    "errors": errors,
    "totalMs": total_ms,
    "backendsLeft": backends(app),
    "next": request(0),
})
