"""A FastAPI service on asyncpg: the pool is made at startup, and every
request checks a connection out with no timeout (asyncpg's default waits
forever)."""
import asyncpg
from fastapi import FastAPI

app = FastAPI()
pool: asyncpg.Pool | None = None


@app.on_event("startup")
async def startup() -> None:
    global pool
    pool = await asyncpg.create_pool(dsn="postgresql:///app", min_size=2, max_size=10)


@app.get("/users/{user_id}")
async def read_user(user_id: int):
    async with pool.acquire() as conn:
        row = await conn.fetchrow("SELECT id, name FROM users WHERE id = $1", user_id)
    return dict(row) if row else None


@app.post("/users/{user_id}/touch")
async def touch(user_id: int):
    conn = await pool.acquire()
    try:
        await conn.execute("UPDATE users SET seen = now() WHERE id = $1", user_id)
    finally:
        await pool.release(conn)
