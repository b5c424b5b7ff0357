"""Anti-pattern 2, "Connection Leaks": the BETTER example (a context manager), which stays as it is."""
from contextlib import contextmanager

from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(minconn=5, maxconn=20, host='localhost', database='mydb')


# BETTER: Use context manager
@contextmanager
def get_db_connection():
    conn = pool.getconn()
    try:
        yield conn
    finally:
        pool.putconn(conn)


def get_user(user_id: int):
    with get_db_connection() as conn:
        cursor = conn.cursor()
        cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))
        return cursor.fetchone()
