"""What the scenario drivers share: the server from the environment, the
module under test imported from a directory, and one JSON line of figures."""
import importlib
import json
import os
import sys
from urllib.parse import unquote, urlparse

import psycopg2


def use_server(app):
    """libpq (psycopg2) reads PG* variables; map DATABASE_URL onto them when only it is set."""
    url = os.environ.get("DATABASE_URL")
    if url and not os.environ.get("PGHOST"):
        u = urlparse(url)
        parts = {"PGHOST": u.hostname, "PGPORT": u.port, "PGUSER": u.username, "PGPASSWORD": u.password,
                 "PGDATABASE": u.path.lstrip("/")}
        for var, value in parts.items():
            if value:
                os.environ[var] = unquote(str(value))
    os.environ["PGAPPNAME"] = app


def load(directory, name):
    """Import `name` (before or after) from `directory`, where the test wrote it."""
    sys.path.insert(0, directory)
    return importlib.import_module(name)


def backends(app):
    """Server sessions open for one application_name (pg_stat_activity), counted on a session of another."""
    conn = psycopg2.connect(application_name=f"{app}-admin")
    try:
        cur = conn.cursor()
        cur.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (app,))
        return cur.fetchone()[0]
    finally:
        conn.close()


def error_name(error):
    return f"{type(error).__module__}.{type(error).__qualname__}"


def emit(figures):
    print(json.dumps(figures))
    sys.stdout.flush()
