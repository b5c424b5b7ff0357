# A Flask app's psycopg2 pool: getconn() raises PoolError at once when all
# 20 connections are out, and the app's threads may outnumber them.
import os

from psycopg2 import pool as pg_pool

db_pool = pg_pool.ThreadedConnectionPool(
    minconn=1,
    maxconn=20,
    dsn=os.environ["DATABASE_URL"],
)
