# Statements before the first use of the connection stay out of the try: the checkout moves down to meet it.
import logging

from psycopg2 import pool as pg_pool

POOL = pg_pool.ThreadedConnectionPool(1, 5, dsn="")
log = logging.getLogger(__name__)


def handler(request):
    log.info("handler %s", request.args)
    user_id = request.args["id"]

    conn = POOL.getconn()
    try:
        cur = conn.cursor()
        cur.execute("SELECT name FROM users WHERE id = %s", (user_id,))
        rows = cur.fetchall()
    finally:
        POOL.putconn(conn)
    return rows


def ping():
    # A checkout used only by its give-back keeps its place.
    conn = POOL.getconn()
    try:
        log.info("connected")
    finally:
        POOL.putconn(conn)
