import os

from psycopg2.pool import ThreadedConnectionPool

# One pool per process, shared by every request.
pool = ThreadedConnectionPool(1, 10, dsn=os.environ.get("DATABASE_URL", "dbname=app"))
