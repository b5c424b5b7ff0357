# Two handlers on an asyncpg pool they are given: one holds its connection
# for a slow statement, the other needs one for a quick lookup. With no
# timeout on acquire(), the lookup waits for as long as the pool is full.
# The e2e suite runs it as written and as pool-codemod rewrites it, against
# a real PostgreSQL.
import asyncpg


async def report(pool: asyncpg.Pool, seconds):
    async with pool.acquire() as conn:
        await conn.execute("SELECT pg_sleep($1)", seconds)


async def lookup(pool: asyncpg.Pool):
    async with pool.acquire() as conn:
        return await conn.fetchval("SELECT 1")
