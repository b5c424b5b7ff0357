"""Anti-pattern 1, "Not Using Connection Pooling": the BAD example, as a module."""
from db import pool


# BAD: New connection every time
def get_user(user_id: int):
    conn = pool.getconn()
    try:
        cursor = conn.cursor()
        cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))
        result = cursor.fetchone()
    finally:
        pool.putconn(conn)
    return result
