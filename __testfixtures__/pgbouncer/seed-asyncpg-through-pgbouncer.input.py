# An application that connects to PgBouncer (port 6432): asyncpg's statement cache prepares statements on one server
# connection that transaction pooling then routes elsewhere.
import asyncpg


async def startup():
    global pool
    pool = await asyncpg.create_pool(
        host='localhost',
        port=6432,  # PgBouncer port
        database='mydb'
    )
