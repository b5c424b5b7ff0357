import os

import psycopg2
import requests
from flask import Blueprint, abort, jsonify

from .db import pool

bp = Blueprint("users", __name__)


@bp.get("/users/<int:user_id>")
def get_user(user_id):
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT id, name FROM users WHERE id = %s", (user_id,))
    row = cur.fetchone()
    pool.putconn(conn)
    if row is None:
        abort(404)
    return jsonify(id=row[0], name=row[1])


@bp.post("/users/<int:user_id>/rename/<name>")
def rename(user_id, name):
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("UPDATE users SET name = %s WHERE id = %s", (name, user_id))
    conn.commit()
    pool.putconn(conn)
    return "", 204


@bp.get("/health")
def health():
    conn = psycopg2.connect(dsn=os.environ.get("DATABASE_URL", "dbname=app"))
    cur = conn.cursor()
    cur.execute("SELECT 1")
    conn.close()
    return "ok"


@bp.post("/users/<int:user_id>/sync")
def sync_user(user_id):
    conn = pool.getconn()
    cur = conn.cursor()
    cur.execute("SELECT id, name FROM users WHERE id = %s", (user_id,))
    row = cur.fetchone()
    requests.post("https://crm.example.com/users", json={"id": row[0], "name": row[1]}, timeout=10)
    cur.execute("UPDATE users SET synced_at = now() WHERE id = %s", (user_id,))
    conn.commit()
    pool.putconn(conn)
    return "", 204
