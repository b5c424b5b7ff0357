"""Drives leak-async/before.py or its rewrite: drive.py <dir> <before|after> <app> same|leak <failures>."""
import asyncio
import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import backends, emit, error_name, load, use_server  # noqa: E402

directory, name, app, action = sys.argv[1:5]
use_server(app)
# putconn warns when a connection comes back inside a failed transaction (it rolls it back): expected here.
logging.getLogger("psycopg.pool").setLevel(logging.ERROR)
m = load(directory, name)


async def call(user_id):
    """What a caller can observe: the value, or the exception's type and SQLSTATE."""
    try:
        return {"value": await m.user_name(user_id)}
    except Exception as error:  # noqa: BLE001 - the outcome is the measurement
        pgcode = getattr(getattr(error, "diag", None), "sqlstate", None)
        return {"error": error_name(error), "pgcode": pgcode, "message": str(error).strip()}


async def main():
    await m.pool.open(wait=True)
    try:
        if action == "same":
            return {"outcomes": [await call(1), await call(99), await call("x"), await call(2), await call(1)]}
        failures = [await call("x") for _ in range(int(sys.argv[5]))]
        stats = m.pool.get_stats()
        # Connections handed out and never given back: the pool's connections less its idle ones.
        leaked = stats["pool_size"] - stats["pool_available"]
        server = backends(app)
        return {"failures": failures, "leaked": leaked, "backends": server, "next": await call(1)}
    finally:
        await m.pool.close(timeout=1)


emit(asyncio.run(main()))
