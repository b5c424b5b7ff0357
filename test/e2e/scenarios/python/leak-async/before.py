# The same lookup on psycopg_pool's asyncio pool: the connection goes back
# (`await pool.putconn(conn)`) only when the query succeeds, so every failing
# call keeps one. The e2e suite runs it as written and as pool-codemod
# rewrites it, against a real PostgreSQL (the PG* variables name the server).
from psycopg_pool import AsyncConnectionPool

pool = AsyncConnectionPool(min_size=1, max_size=3, timeout=1, open=False)


async def user_name(user_id):
    conn = await pool.getconn()
    cur = await conn.execute("SELECT name FROM e2e_py_users WHERE id = %s::int", (user_id,))
    row = await cur.fetchone()
    await pool.putconn(conn)
    return row[0] if row else None
