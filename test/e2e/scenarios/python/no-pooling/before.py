# A lookup that opens a new server session for every call. The e2e suite runs
# it as written and as pool-codemod rewrites it (with the pool module the run
# writes beside it), against a real PostgreSQL (the PG* variables name it).
import psycopg2


def get_user(user_id):
    conn = psycopg2.connect("")
    cursor = conn.cursor()
    cursor.execute("SELECT name, pg_backend_pid() FROM e2e_py_c2p_users WHERE id = %s", (user_id,))
    result = cursor.fetchone()
    conn.close()
    return result
