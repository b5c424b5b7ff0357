"""Drives no-pooling/before.py or its rewrite: drive.py <dir> <before|after> <app> <calls> <threads>."""
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import backends, emit, error_name, load, use_server  # noqa: E402

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


started = time.perf_counter()
with ThreadPoolExecutor(threads) as executor:
    outcomes = list(executor.map(call, range(calls)))
total_ms = round((time.perf_counter() - started) * 1000)
errors = {}
for o in outcomes:
    if "error" in o:
        key = f"{o['error']}: {o['message']}"
        errors[key] = errors.get(key, 0) + 1
emit({
    "users": [o.get("user") for o in outcomes],
    "sessions": len({o["pid"] for o in outcomes if "pid" in o}),
    "errors": errors,
    "totalMs": total_ms,
    "backendsLeft": backends(app),
})
