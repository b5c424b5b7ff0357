# A psycopg_pool pool nobody can see into: when it runs dry, requests just
# get slow. The e2e suite runs it as written and as pool-codemod rewrites it
# (--metrics prom-client or otel, with the library in the project's
# requirements), against a real PostgreSQL, and reads what the gauges show.
import time

from psycopg_pool import ConnectionPool

pool = ConnectionPool("", min_size=3, max_size=3, open=True)


def slow_report(seconds):
    with pool.connection() as conn:
        conn.execute("SELECT 1")
        time.sleep(seconds)
