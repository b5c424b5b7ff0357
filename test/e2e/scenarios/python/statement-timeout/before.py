# A report that can run for as long as its query does: one on asyncpg, one
# on psycopg2, each on a pool with no statement timeout. The e2e suite runs
# it as written and as pool-codemod rewrites it, against a real PostgreSQL.
import os

import asyncpg
from psycopg2.pool import ThreadedConnectionPool

sync_pool = ThreadedConnectionPool(1, 2, connect_timeout=5)
pool = None


async def init():
    global pool
    pool = await asyncpg.create_pool(min_size=1, max_size=2, server_settings={"application_name": os.environ["PGAPPNAME"]})


async def report(seconds):
    async with pool.acquire() as conn:
        return await conn.fetchval("SELECT pg_sleep($1)::text || 'done'", seconds)


def sync_report(seconds):
    conn = sync_pool.getconn()
    try:
        cur = conn.cursor()
        cur.execute("SELECT pg_sleep(%s)::text || 'done'", (seconds,))
        return cur.fetchone()[0]
    finally:
        sync_pool.putconn(conn)
