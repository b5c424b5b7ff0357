"""Drives pgbouncer/before.py or its rewrite: drive.py <dir> <before|after> <app> <calls>.

Sends <calls> lookups at once through the pool and counts what fails, by
the exception's type."""
import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import emit, error_name, load, use_server  # noqa: E402

directory, name, app = sys.argv[1:4]
calls = int(sys.argv[4])
use_server(app)
m = load(directory, name)


async def one(pool, n):
    try:
        return {"value": await m.lookup(pool, n)}
    except Exception as error:  # noqa: BLE001 - the outcome is the measurement
        return {"error": error_name(error)}


async def main():
    pool = await m.init()
    try:
        outcomes = []
        for round_ in range(5):  # several rounds, so that cached statements meet other server connections
            outcomes += await asyncio.gather(*(one(pool, round_ * calls + i) for i in range(calls)))
        errors = {}
        for o in outcomes:
            if "error" in o:
                errors[o["error"]] = errors.get(o["error"], 0) + 1
        emit({
            "calls": len(outcomes),
            "ok": sum(1 for o in outcomes if "value" in o),
            "wrong": sum(1 for i, o in enumerate(outcomes) if "value" in o and o["value"] != 2 * i),
            "errors": errors,
        })
    finally:
        await pool.close()


asyncio.run(main())
