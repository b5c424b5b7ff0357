"""Drives fastapi-dependency/before.py or its rewrite as FastAPI drives a
dependency with yield (contextlib.contextmanager around the generator, the
request's error thrown into it): drive.py <dir> <before|after> <app> <calls> <threads>.
Every fifth request fails in its handler, after its query."""
import os
import sys
from contextlib import contextmanager

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import emit, error_name, load, load_figures, use_server  # noqa: E402

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


emit({**load_figures(request, calls, threads, app), "next": request(0)})
