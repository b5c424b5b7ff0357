# A service's psycopg2 pool, opened in full as each worker process starts
# (gunicorn.conf.py here runs 4). The e2e suite runs it as written and as
# pool-codemod rewrites it, against a real PostgreSQL role limited to 30
# connections.
import os

from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(10, 10, user=os.environ["E2E_ROLE"], password=os.environ["E2E_PASSWORD"])
