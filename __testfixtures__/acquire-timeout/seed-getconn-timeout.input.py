# psycopg2's getconn() takes no timeout: this raises TypeError on every call. Reported, never rewritten.
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(minconn=5, maxconn=20)


def get_conn():
    conn = pool.getconn(timeout=5)  # Raises error after 5 seconds
    if conn is None:
        raise Exception("Could not get database connection")
    return conn
