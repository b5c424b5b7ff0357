# The timeout set where the pool makes its connections: nothing to add.
import asyncpg


async def startup():
    global pool
    pool = await asyncpg.create_pool(
        host='localhost',
        database='mydb',
        command_timeout=30,  # 30 second timeout for all queries
        server_settings={'statement_timeout': '30000'}  # milliseconds
    )
