"""Drives pool-monitoring/before.py or its rewrite: drive.py <dir> <before|after> <app> <callers>.

<callers> threads each hold a connection for a second on a pool of 3; the
pool's gauges are read while they wait and once they are done, as a
/metrics scrape would read them."""
import os
import sys
import threading
import time

import prometheus_client

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import emit, load, use_server  # noqa: E402

directory, name, app = sys.argv[1:4]
callers = int(sys.argv[4])
use_server(app)
m = load(directory, name)
m.pool.wait()


def gauges():
    """The db_pool_* samples /metrics would show: name -> value."""
    found = {}
    for metric in prometheus_client.REGISTRY.collect():
        for sample in metric.samples:
            if sample.name.startswith("db_pool_"):
                found[sample.name] = sample.value
    return found


threads = [threading.Thread(target=m.slow_report, args=(1.0,)) for _ in range(callers)]
for t in threads:
    t.start()
time.sleep(0.5)
during = gauges()
for t in threads:
    t.join()
after = gauges()
m.pool.close()
emit({"during": during, "after": after})
