"""An aiohttp service's asyncpg pool, one argument per line, with no
statement limit: a runaway query holds its connection until it ends."""
import os

import asyncpg
from aiohttp import web


async def on_startup(app: web.Application) -> None:
    app["pool"] = await asyncpg.create_pool(
        dsn=os.environ["DATABASE_URL"],
        min_size=2,
        max_size=10,
        command_timeout=30
    )
