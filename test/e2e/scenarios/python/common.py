"""What the scenario drivers share: the server from the environment, the
module under test imported from a directory, a slow upstream HTTP service,
and one JSON line of figures."""
import importlib
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

import psycopg2


def use_server(app):
    """libpq (psycopg2) reads PG* variables; map DATABASE_URL onto them when only it is set."""
    url = os.environ.get("DATABASE_URL")
    if url and not os.environ.get("PGHOST"):
        u = urlparse(url)
        parts = {"PGHOST": u.hostname, "PGPORT": u.port, "PGUSER": u.username, "PGPASSWORD": u.password,
                 "PGDATABASE": u.path.lstrip("/")}
        for var, value in parts.items():
            if value:
                os.environ[var] = unquote(str(value))
    os.environ["PGAPPNAME"] = app


def load(directory, name):
    """Import `name` (before or after) from `directory`, where the test wrote it."""
    sys.path.insert(0, directory)
    return importlib.import_module(name)


def backends(app):
    """Server sessions open for one application_name (pg_stat_activity), counted on a session of another."""
    conn = psycopg2.connect(application_name=f"{app}-admin")
    try:
        cur = conn.cursor()
        cur.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (app,))
        return cur.fetchone()[0]
    finally:
        conn.close()


def start_upstream(delay_s=0.2):
    """A local tag service answering each GET after `delay_s`, counting the calls in flight.

    Sets TAG_SERVICE for the module under test; returns the server (to shut
    down) and the counts ("now", "peak")."""
    counts = {"now": 0, "peak": 0}
    lock = threading.Lock()

    class Upstream(BaseHTTPRequestHandler):
        def do_GET(self):
            with lock:
                counts["now"] += 1
                counts["peak"] = max(counts["peak"], counts["now"])
            time.sleep(delay_s)
            email = parse_qs(urlparse(self.path).query)["email"][0]
            body = f"tag-{len(email)}".encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            with lock:
                counts["now"] -= 1

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        request_queue_size = 256  # all the requests connect at once
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Upstream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    os.environ["TAG_SERVICE"] = f"http://127.0.0.1:{server.server_address[1]}"
    return server, counts


class TimedCheckout:
    """An async checkout (`pool.acquire()`, `pool.connection()`) whose wait for a connection is appended to `waits`, in ms."""

    def __init__(self, ctx, waits):
        self.ctx = ctx
        self.waits = waits

    async def __aenter__(self):
        started = time.perf_counter()
        conn = await self.ctx.__aenter__()
        self.waits.append((time.perf_counter() - started) * 1000)
        return conn

    async def __aexit__(self, *exc):
        return await self.ctx.__aexit__(*exc)


def error_name(error):
    return f"{type(error).__module__}.{type(error).__qualname__}"


def load_figures(call, calls, threads, app):
    """Calls 0..calls-1 through `call` on `threads` threads: each outcome is
    {"user", "pid"} or {"error"[, "message"]}. The users in order, the distinct
    server sessions, the errors tallied, the wall time and the sessions left."""
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as executor:
        outcomes = list(executor.map(call, range(calls)))
    total_ms = round((time.perf_counter() - started) * 1000)
    errors = {}
    for o in outcomes:
        if "error" in o:
            key = f"{o['error']}: {o['message']}" if "message" in o else o["error"]
            errors[key] = errors.get(key, 0) + 1
    return {
        "users": [o.get("user") for o in outcomes],
        "sessions": len({o["pid"] for o in outcomes if "pid" in o}),
        "errors": errors,
        "totalMs": total_ms,
        "backendsLeft": backends(app),
    }


def emit(figures):
    print(json.dumps(figures))
    sys.stdout.flush()
