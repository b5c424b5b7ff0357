"""Drives statement-timeout/before.py or its rewrite: drive.py <dir> <before|after> <app> <seconds>.

Runs each report with pg_sleep(<seconds>) and prints, for asyncpg and
psycopg2, the outcome, how long the caller waited, and whether the sleep
was still running on the server once the caller had its answer."""
import asyncio
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import backends, emit, error_name, load, use_server  # noqa: E402

import psycopg2  # noqa: E402

directory, name, app = sys.argv[1:4]
seconds = float(sys.argv[4])
use_server(app)
m = load(directory, name)


def sleeping():
    """Statements of this app still in pg_sleep on the server (counted on a session of another app)."""
    conn = psycopg2.connect(application_name=f"{app}-admin")
    try:
        cur = conn.cursor()
        cur.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s AND state = 'active' AND query LIKE %s",
            (app, "%pg_sleep%"),
        )
        return cur.fetchone()[0]
    finally:
        conn.close()


def outcome(call):
    started = time.perf_counter()
    try:
        result = {"value": call()}
    except Exception as error:  # noqa: BLE001 - the outcome is the measurement
        result = {"error": error_name(error), "pgcode": getattr(error, "pgcode", None)}
    result["ms"] = round((time.perf_counter() - started) * 1000)
    result["stillRunning"] = sleeping()
    return result


async def main():
    await m.init()
    try:
        loop = asyncio.get_running_loop()
        figures = {}
        started = time.perf_counter()
        try:
            figures["asyncpg"] = {"value": await m.report(seconds)}
        except Exception as error:  # noqa: BLE001
            figures["asyncpg"] = {"error": error_name(error)}
        figures["asyncpg"]["ms"] = round((time.perf_counter() - started) * 1000)
        figures["asyncpg"]["stillRunning"] = await loop.run_in_executor(None, sleeping)
        figures["psycopg2"] = await loop.run_in_executor(None, outcome, lambda: m.sync_report(seconds))
        emit(figures)
    finally:
        await m.pool.close()
        m.sync_pool.closeall()


asyncio.run(main())
