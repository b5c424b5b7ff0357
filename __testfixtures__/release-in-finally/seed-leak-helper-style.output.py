"""Anti-pattern 2, "Connection Leaks": the BAD example, rewritten in the --style helper form (the BETTER example)."""
from psycopg2.pool import ThreadedConnectionPool
from contextlib import contextmanager

pool = ThreadedConnectionPool(
    minconn=5,
    maxconn=20,
    host='localhost',
    database='mydb',
    user='user',
    password='password'
)


@contextmanager
def get_db_connection():
    # A connection from `pool`, put back however the block ends (putconn rolls back a transaction
    # left open). Written by pool-codemod release-in-finally.
    conn = pool.getconn()
    try:
        yield conn
    finally:
        pool.putconn(conn)


# BAD: Connection leaked on error
def get_user(user_id: int):
    with get_db_connection() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))
        result = cursor.fetchone()
    return result
