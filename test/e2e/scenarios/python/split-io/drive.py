"""Drives split-io/before.py or its rewrite: drive.py <dir> <before|after> <app> <requests> <pool max>.

Starts the upstream (a local HTTP server answering each request after 200
ms), gives the module an asyncpg pool whose checkouts are timed, and sends
the requests at once."""
import asyncio
import os
import sys
import time

import asyncpg

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import TimedCheckout, emit, load, start_upstream, use_server  # noqa: E402

directory, name, app = sys.argv[1:4]
requests, pool_max = int(sys.argv[4]), int(sys.argv[5])
use_server(app)
server, upstream = start_upstream()
m = load(directory, name)


class TimedPool:
    """The pool, with every wait for a connection (acquire to checkout) timed."""

    def __init__(self, pool):
        self.pool = pool
        self.waits = []

    def acquire(self):
        return TimedCheckout(self.pool.acquire(), self.waits)


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
