"""A Quart service's asyncpg pool made at startup with asyncpg's default
size (10, and min_size 10): sized from the server's limit, the minimum
comes down with it (asyncpg raises when min_size > max_size)."""
import os

import asyncpg
from quart import Quart

app = Quart(__name__)


@app.before_serving
async def create_pool():
    app.pool = await asyncpg.create_pool(
        dsn=os.environ["DATABASE_URL"],
        command_timeout=30,
    )
