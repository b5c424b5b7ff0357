# The split-io handler on psycopg 3's asyncio pool, with the upstream HTTP
# call made by a helper of the module: the connection stays checked out while
# the helper waits on the tag service. The e2e suite runs it as written and
# as pool-codemod rewrites it, against a real PostgreSQL and a local 200 ms
# stub of the service.
import os

import aiohttp
from psycopg_pool import AsyncConnectionPool

pool: AsyncConnectionPool

UPSTREAM = os.environ.get("TAG_SERVICE", "http://127.0.0.1:8080")


async def fetch_tag(email):
    async with aiohttp.ClientSession() as session:
        async with session.get(UPSTREAM + "/tag", params={"email": email}) as response:
            return await response.text()


async def enrich(user_id):
    async with pool.connection() as conn:
        cur = await conn.execute("SELECT email FROM e2e_py_io_users WHERE id = %s", (user_id,))
        (email,) = await cur.fetchone()
        tag = await fetch_tag(email)
        await conn.execute("UPDATE e2e_py_io_users SET tag = %s WHERE id = %s", (tag, user_id))
    return tag
