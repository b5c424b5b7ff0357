"""Drives leak/before.py or its rewrite: drive.py <dir> <before|after> <app> same|leak <failures>."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import backends, emit, error_name, load, use_server  # noqa: E402

directory, name, app, action = sys.argv[1:5]
use_server(app)
m = load(directory, name)


def call(user_id):
    """What a caller can observe: the value, or the exception's type and SQLSTATE."""
    try:
        return {"value": m.user_name(user_id)}
    except Exception as error:  # noqa: BLE001 - the outcome is the measurement
        return {"error": error_name(error), "pgcode": getattr(error, "pgcode", None), "message": str(error).strip()}


if action == "same":
    emit({"outcomes": [call(1), call(99), call("x"), call(2), call(1)]})
else:
    failures = [call("x") for _ in range(int(sys.argv[5]))]
    leaked = len(m.pool._used)  # connections handed out and never given back
    server = backends(app)
    emit({"failures": failures, "leaked": leaked, "backends": server, "next": call(1)})
