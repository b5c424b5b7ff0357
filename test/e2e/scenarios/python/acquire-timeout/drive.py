"""Drives acquire-timeout/before.py or its rewrite: drive.py <dir> <before|after> <app> <hold seconds> <patience seconds>.

A pool of one connection; report() holds it for <hold> seconds, then
lookup() asks for one. The caller stops waiting after <patience> seconds
(longer than the rewrite's timeout, shorter than the hold): the outcome is
the lookup's own error, or "still waiting"."""
import asyncio
import os
import sys
import time

import asyncpg

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import emit, error_name, load, use_server  # noqa: E402

directory, name, app = sys.argv[1:4]
hold, patience = float(sys.argv[4]), float(sys.argv[5])
use_server(app)
m = load(directory, name)


async def main():
    pool = await asyncpg.create_pool(min_size=1, max_size=1, server_settings={"application_name": app})
    try:
        slow = asyncio.create_task(m.report(pool, hold))
        await asyncio.sleep(0.2)  # the slow handler has the connection
        started = time.perf_counter()
        try:
            value = await asyncio.wait_for(m.lookup(pool), patience)
            outcome = {"value": value}
        except asyncio.TimeoutError as error:
            waited = time.perf_counter() - started
            # wait_for's own timeout fires at `patience`; the lookup's comes from inside, earlier.
            outcome = {"error": "still waiting" if waited >= patience - 0.05 else error_name(error)}
        outcome["ms"] = round((time.perf_counter() - started) * 1000)
        await slow
        emit(outcome)
    finally:
        await pool.close()


asyncio.run(main())
