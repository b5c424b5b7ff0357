"""Drives pool-size/before.py or its rewrite: drive.py <dir> <before|after> <app> <processes>.

Starts <processes> worker processes at once, as a pre-forking server does;
each imports the module (its pool connects) and waits until all have tried.
Prints how many started and how many the server refused."""
import multiprocessing
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import emit, error_name, load, use_server  # noqa: E402

directory, name, app = sys.argv[1:4]
processes = int(sys.argv[4])
use_server(app)


def worker(barrier, results):
    try:
        m = load(directory, name)
        results.put({"ok": len(m.pool._pool)})
    except Exception as error:  # noqa: BLE001 - the outcome is the measurement
        results.put({"error": error_name(error), "message": str(error).strip().splitlines()[0]})
    barrier.wait(timeout=30)  # hold the connections until every worker has tried


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    barrier = multiprocessing.Barrier(processes)
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=worker, args=(barrier, results)) for _ in range(processes)]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=60) for _ in workers]
    for w in workers:
        w.join(timeout=60)
    emit({
        "started": sum(1 for o in outcomes if "ok" in o),
        "refused": sum(1 for o in outcomes if "error" in o),
        "connections": sum(o.get("ok", 0) for o in outcomes),
        "errors": sorted({o["message"] for o in outcomes if "error" in o}),
    })
