# A FastAPI dependency that opens a server session for every request: FastAPI
# runs get_db() to its yield for each request and resumes it (or throws the
# request's error into it) when the request is done. The e2e suite writes the
# routes module that uses it through Depends(...), runs the tool, and drives
# both versions the way FastAPI does, against a real PostgreSQL.
import psycopg2


def get_db():
    conn = psycopg2.connect("")
    try:
        yield conn
    finally:
        conn.close()


def user_name(conn, user_id):
    cursor = conn.cursor()
    cursor.execute("SELECT name, pg_backend_pid() FROM e2e_py_c2p_users WHERE id = %s", (user_id,))
    return cursor.fetchone()
