# A per-request SET on asyncpg's pooled connection: asyncpg's release runs RESET ALL, so the next caller does not
# inherit it. Left alone (the pool itself has a command_timeout).
import asyncpg

pool = None


async def startup():
    global pool
    pool = await asyncpg.create_pool(database='mydb', command_timeout=60)


async def expensive_query():
    async with pool.acquire(timeout=5) as conn:
        await conn.execute("SET statement_timeout = '30s'")
        try:
            return await conn.fetch("SELECT * FROM huge_table")
        except asyncpg.QueryCanceledError:
            raise TimeoutError("Query took too long")
