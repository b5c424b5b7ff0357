"""A Quart service's asyncpg pool made at startup with asyncpg's default
size (10, and min_size 10): sized from the server's limit, the minimum
comes down with it (asyncpg raises when min_size > max_size)."""
import os

import asyncpg
from quart import Quart

app = Quart(__name__)


@app.before_serving
async def create_pool():
    # max_size 6 = floor((40 max_connections - 3 reserved) / (6 instances))
    app.pool = await asyncpg.create_pool(
        dsn=os.environ["DATABASE_URL"],
        command_timeout=30,
        min_size=6, max_size=6,
    )
