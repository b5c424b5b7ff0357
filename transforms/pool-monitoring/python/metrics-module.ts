/**
 * pool-monitoring's Python module (`--metrics prom-client|otel`, where the
 * project installs prometheus_client or the OpenTelemetry API): gauges of
 * open, idle and waiting connections per pool, registered once per process,
 * each pool under its own label, read from the pool when collected. A pool
 * made at startup is None until then: it reads 0. An existing file at that
 * path is the user's: it is imported, never rewritten. The gauge names are
 * the JS module's, so a mixed repository has one set of series.
 */
import { defineProvider } from '../../../src/core/providers';
import { type PyDriverId, pyDriverById } from '../../../src/drivers/python';
import { restyled } from '../../../src/frontends/python/providers';
import type { PyStyle } from '../../../src/frontends/python/style';

export type PyMetricsFlavor = 'prom-client' | 'otel';

export interface PyMetricsModuleRequest {
  kind: 'python-metrics-module';
  path: string;
  drivers: PyDriverId[];
  flavor: PyMetricsFlavor;
  style: PyStyle;
}

export const PY_METRICS_MODULE = defineProvider<PyMetricsModuleRequest>({
  kind: 'python-metrics-module',
  where: 'pool_metrics.py beside the module that makes the pool',
  provide(_target, current, requests) {
    if (current !== null) return { text: null };
    const drivers = [...new Set(requests.flatMap((r) => r.drivers))];
    return { text: metricsModuleText(drivers, requests[0].flavor, requests[0].style) };
  },
});

/** The function a module calls for a pool of this library (`monitor_asyncpg_pool`). */
export function monitorFunction(driver: PyDriverId): string {
  return `monitor_${driver}_pool`;
}

type GaugeKey = 'total' | 'idle' | 'waiting';
const GAUGES: readonly [name: string, help: string, key: GaugeKey][] = [
  ['db_pool_connections_total', 'Connections the pool holds, idle and checked out', 'total'],
  ['db_pool_connections_idle', 'Connections idle in the pool', 'idle'],
  ['db_pool_clients_waiting', 'Callers waiting for a connection', 'waiting'],
];

function metricsModuleText(drivers: readonly PyDriverId[], flavor: PyMetricsFlavor, style: PyStyle): string {
  const lines = [
    ...(style.coding ? ['# -*- coding: utf-8 -*-'] : []),
    '"""Gauges of the connection pools\' state, read when they are collected.',
    '',
    'Written by pool-codemod pool-monitoring.',
    '"""',
    ...(flavor === 'otel' ? otelPreamble() : promPreamble()),
  ];
  for (const id of drivers) {
    const driver = pyDriverById(id);
    const gauges = driver.gauges;
    if (!gauges) continue;
    const counted = GAUGES.filter(([, , key]) => gauges[key] !== null);
    lines.push(
      '',
      '',
      `def ${monitorFunction(id)}(label, pool_of):`,
      `    """Export the ${driver.label} pool pool_of() returns (None until it is made) as \`label\`."""`,
      ...(flavor === 'otel'
        ? [
            '    _POOLS.append((label, pool_of, {',
            ...counted.map(([, , key]) => `        "${key}": lambda p: ${gauges[key]},`),
            '    }))',
          ]
        : counted.map(
            ([, , key], i) =>
              `    _GAUGES[${i}].labels(pool=label).set_function(_reader(pool_of, lambda p: ${gauges[key]}))`,
          )),
    );
  }
  return [...lines.map((l) => restyled(l, style)), ''].join(style.eol);
}

/** prometheus_client: one labelled Gauge per count, each pool's child reading it at scrape time (`set_function`). */
function promPreamble(): string[] {
  return [
    'from prometheus_client import Gauge',
    '',
    '_GAUGES = [',
    ...GAUGES.map(([name, help]) => `    Gauge("${name}", "${help}", ["pool"]),`),
    ']',
    '',
    '',
    'def _reader(pool_of, count):',
    '    def read():',
    '        pool = pool_of()',
    '        return count(pool) if pool is not None else 0',
    '',
    '    return read',
  ];
}

/**
 * The OpenTelemetry metrics API (opentelemetry-api, metrics/__init__.py:
 * `get_meter`, `Observation(value, attributes=None)`; the SDK's
 * `create_observable_gauge(name, callbacks=None, unit="", description="")`
 * calls each callback with its options and reads the observations it
 * returns). One observable gauge per count, observing every watched pool;
 * names are the Prometheus ones with dots, as the JS module writes them.
 */
function otelPreamble(): string[] {
  return [
    'from opentelemetry.metrics import Observation, get_meter',
    '',
    '_POOLS = []',
    '',
    '',
    'def _observer(key):',
    '    def observe(options):',
    '        for label, pool_of, counts in _POOLS:',
    '            pool = pool_of()',
    '            if key in counts:',
    '                yield Observation(counts[key](pool) if pool is not None else 0, {"pool": label})',
    '',
    '    return observe',
    '',
    '',
    '_METER = get_meter("pool-codemod")',
    ...GAUGES.flatMap(([name, help, key]) => [
      '_METER.create_observable_gauge(',
      `    "${name.replace(/_/g, '.')}",`,
      `    callbacks=[_observer("${key}")],`,
      `    description="${help}",`,
      ')',
    ]),
  ];
}
