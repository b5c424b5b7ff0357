# An asyncpg pool that reaches PostgreSQL through PgBouncer in transaction
# mode (the port comes from the environment). asyncpg prepares every
# statement on the server and caches it per connection; PgBouncer 1.18 sends
# the next transaction to whichever server connection is free. The e2e suite
# runs it as written and as pool-codemod rewrites it (--behind-pgbouncer).
import os

import asyncpg


async def init():
    return await asyncpg.create_pool(
        host="127.0.0.1",
        port=int(os.environ["PGBOUNCER_PORT"]),
        min_size=4,
        max_size=4,
    )


async def lookup(pool, n):
    return await pool.fetchval("SELECT $1::int * 2", n)
