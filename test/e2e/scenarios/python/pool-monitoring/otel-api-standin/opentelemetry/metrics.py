"""A stand-in for the OpenTelemetry metrics API, for the e2e suite only.

Debian packages no OpenTelemetry for Python and the suite cannot reach
PyPI, so this module has the API's names and signatures as
opentelemetry-api declares them (metrics/__init__.py: get_meter,
Observation(value, attributes=None); the SDK's Meter.create_observable_gauge
(name, callbacks=None, unit="", description="")), and collects the way a
reader does: each callback is called with its options and yields
observations. `collect()` is the suite's, not the API's.
"""

_GAUGES = {}


class Observation:
    def __init__(self, value, attributes=None):
        self.value = value
        self.attributes = attributes


class _Meter:
    def __init__(self, name):
        self.name = name

    def create_observable_gauge(self, name, callbacks=None, unit="", description=""):
        if name in _GAUGES:
            raise ValueError("instrument %s registered twice" % name)
        _GAUGES[name] = list(callbacks or [])


def get_meter(name, version="", meter_provider=None, schema_url=None, attributes=None):
    return _Meter(name)


def collect():
    """name -> [(attributes, value)] as a periodic reader would export them."""
    return {
        name: [(dict(o.attributes or {}), o.value) for callback in callbacks for o in callback(None)]
        for name, callbacks in _GAUGES.items()
    }
