# A handler that keeps its connection checked out while it waits on an
# upstream HTTP call (the tag service). The e2e suite runs it as written and
# as pool-codemod rewrites it, against a real PostgreSQL and a local 200 ms
# stub of the service.
import os

import aiohttp
import asyncpg

pool: asyncpg.Pool

UPSTREAM = os.environ.get("TAG_SERVICE", "http://127.0.0.1:8080")


async def enrich(user_id):
    async with pool.acquire() as conn:
        email = await conn.fetchval("SELECT email FROM e2e_py_io_users WHERE id = $1", user_id)
        async with aiohttp.ClientSession() as session:
            async with session.get(UPSTREAM + "/tag", params={"email": email}) as response:
                tag = await response.text()
        await conn.execute("UPDATE e2e_py_io_users SET tag = $1 WHERE id = $2", tag, user_id)
    return tag
