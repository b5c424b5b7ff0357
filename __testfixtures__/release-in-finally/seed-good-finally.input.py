"""Anti-pattern 2, "Connection Leaks": the GOOD example (release in finally), which stays as it is."""
from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(minconn=5, maxconn=20, host='localhost', database='mydb')


# GOOD: Always release in finally block
def get_user(user_id: int):
    conn = pool.getconn()
    try:
        cursor = conn.cursor()
        cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))
        return cursor.fetchone()
    finally:
        pool.putconn(conn)
