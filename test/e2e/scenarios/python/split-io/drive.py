"""Drives split-io/before.py or its rewrite: drive.py <dir> <before|after> <app> <requests> <pool max>.

Starts the upstream (a local HTTP server answering each request after 200
ms), gives the module an asyncpg pool whose checkouts are timed, and sends
the requests at once."""
import asyncio
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import asyncpg

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import emit, load, use_server  # noqa: E402

directory, name, app = sys.argv[1:4]
requests, pool_max = int(sys.argv[4]), int(sys.argv[5])
use_server(app)

upstream = {"now": 0, "peak": 0}
lock = threading.Lock()


class Upstream(BaseHTTPRequestHandler):
    def do_GET(self):
        with lock:
            upstream["now"] += 1
            upstream["peak"] = max(upstream["peak"], upstream["now"])
        time.sleep(0.2)
        email = parse_qs(urlparse(self.path).query)["email"][0]
        body = f"tag-{len(email)}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with lock:
            upstream["now"] -= 1

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 256  # all the requests connect at once
    daemon_threads = True


server = Server(("127.0.0.1", 0), Upstream)
threading.Thread(target=server.serve_forever, daemon=True).start()
os.environ["TAG_SERVICE"] = f"http://127.0.0.1:{server.server_address[1]}"
m = load(directory, name)


class TimedPool:
    """The pool, with every wait for a connection (acquire to checkout) timed."""

    def __init__(self, pool):
        self.pool = pool
        self.waits = []

    def acquire(self):
        return TimedAcquire(self.pool.acquire(), self.waits)


class TimedAcquire:
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


async def main():
    pool = await asyncpg.create_pool(min_size=pool_max, max_size=pool_max, server_settings={"application_name": app})
    try:
        await pool.execute("UPDATE e2e_py_io_users SET tag = NULL")
        timed = TimedPool(pool)
        m.pool = timed
        started = time.perf_counter()
        results = await asyncio.gather(*(m.enrich(i + 1) for i in range(requests)))
        total_ms = round((time.perf_counter() - started) * 1000)
        rows = await pool.fetch("SELECT id, tag FROM e2e_py_io_users ORDER BY id")
        emit({
            "results": results,
            "tags": [[r["id"], r["tag"]] for r in rows],
            "totalMs": total_ms,
            "longestWaitMs": round(max(timed.waits)),
            "checkouts": len(timed.waits),
            "upstreamPeak": upstream["peak"],
        })
    finally:
        await pool.close()
        server.shutdown()


asyncio.run(main())
