# A psycopg2 pool nobody can see into: psycopg2 counts nothing publicly,
# and when the pool runs dry getconn raises at once. The e2e suite runs it
# as written and as pool-codemod rewrites it (--metrics prom-client), and
# reads what /metrics would show.
import time

from psycopg2.pool import PoolError, ThreadedConnectionPool

pool = ThreadedConnectionPool(3, 3, "")


def slow_report(seconds):
    try:
        conn = pool.getconn()
    except PoolError:
        return
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1")
        time.sleep(seconds)
    finally:
        pool.putconn(conn)
