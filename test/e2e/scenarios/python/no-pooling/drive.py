"""Drives no-pooling/before.py or its rewrite: drive.py <dir> <before|after> <app> <calls> <threads>."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import emit, error_name, load, load_figures, use_server  # noqa: E402

directory, name, app = sys.argv[1:4]
calls, threads = int(sys.argv[4]), int(sys.argv[5])
use_server(app)
m = load(directory, name)


def call(i):
    try:
        user, pid = m.get_user(i % 50 + 1)
        return {"user": user, "pid": pid}
    except Exception as error:  # noqa: BLE001 - the outcome is the measurement
        return {"error": error_name(error), "message": str(error).strip()}


emit(load_figures(call, calls, threads, app))
