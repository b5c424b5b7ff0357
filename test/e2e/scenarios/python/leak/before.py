# A lookup that leaks under errors: the connection goes back to the pool only
# when the query succeeds, so every failing call (bad input, here) keeps one.
# The e2e suite runs it as written and as pool-codemod rewrites it, against a
# real PostgreSQL (the PG* variables name the server).
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(1, 3)


def user_name(user_id):
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT name FROM e2e_py_users WHERE id = %s::int", (user_id,))
    row = cur.fetchone()
    pool.putconn(conn)
    return row[0] if row else None
