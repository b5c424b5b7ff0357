"""Drives a pool-monitoring scenario or its rewrite: drive.py <dir> <before|after> <app> <callers> <prom-client|otel>.

<callers> threads each hold a connection for a second on a pool of 3; the
pool's gauges are read while they hold it and once they are done, as a
/metrics scrape (prometheus_client) or a metrics reader (OpenTelemetry)
would read them. Gauge names are given in the Prometheus form."""
import os
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from common import emit, load, use_server  # noqa: E402

directory, name, app = sys.argv[1:4]
callers = int(sys.argv[4])
flavor = sys.argv[5]
if flavor == "otel":
    sys.path.insert(0, os.path.join(HERE, "otel-api-standin"))
use_server(app)
m = load(directory, name)
if hasattr(m.pool, "wait"):
    m.pool.wait()


def gauges():
    """The db_pool_* values for this pool: name -> value."""
    found = {}
    if flavor == "otel":
        from opentelemetry import metrics

        for metric, points in metrics.collect().items():
            for _attributes, value in points:
                found[metric.replace(".", "_")] = value
        return found
    import prometheus_client

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
(getattr(m.pool, "close", None) or m.pool.closeall)()
emit({"during": during, "after": after})
