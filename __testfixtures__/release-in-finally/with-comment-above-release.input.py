# The give-back is skipped when a query raises; the comment about it moves under finally with it.
from psycopg2 import pool as pg_pool

POOL = pg_pool.ThreadedConnectionPool(1, 5, dsn="")


def handler(user_id):
    conn = POOL.getconn()
    cur = conn.cursor()
    cur.execute("SELECT name FROM users WHERE id = %s", (user_id,))
    rows = cur.fetchall()

    # hand the connection back
    # before the slow part
    POOL.putconn(conn)

    print(len(rows))
    return rows
