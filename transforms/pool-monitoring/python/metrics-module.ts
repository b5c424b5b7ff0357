/**
 * pool-monitoring's Python module (`--metrics prom-client`, where the
 * project installs prometheus_client): gauges of open, idle and waiting
 * connections per pool, registered once per process, each pool under its
 * own label, read from the pool when scraped (`set_function`). A pool made
 * at startup is None until then: it reads 0. An existing file at that path
 * is the user's: it is imported, never rewritten.
 */
import { defineProvider } from '../../../src/core/providers';
import { type PyDriverId, pyDriverById } from '../../../src/drivers/python';
import { restyled } from '../../../src/frontends/python/providers';
import type { PyStyle } from '../../../src/frontends/python/style';

export interface PyMetricsModuleRequest {
  kind: 'python-metrics-module';
  path: string;
  drivers: PyDriverId[];
  style: PyStyle;
}

export const PY_METRICS_MODULE = defineProvider<PyMetricsModuleRequest>({
  kind: 'python-metrics-module',
  where: 'pool_metrics.py beside the module that makes the pool',
  provide(_target, current, requests) {
    if (current !== null) return { text: null };
    return { text: metricsModuleText([...new Set(requests.flatMap((r) => r.drivers))], requests[0].style) };
  },
});

/** The function a module calls for a pool of this library (`monitor_asyncpg_pool`). */
export function monitorFunction(driver: PyDriverId): string {
  return `monitor_${driver}_pool`;
}

function metricsModuleText(drivers: readonly PyDriverId[], style: PyStyle): string {
  const lines = [
    ...(style.coding ? ['# -*- coding: utf-8 -*-'] : []),
    '"""Gauges of the connection pools\' state, read when they are scraped.',
    '',
    'Written by pool-codemod pool-monitoring.',
    '"""',
    'from prometheus_client import Gauge',
    '',
    '_OPEN = Gauge("db_pool_connections", "Connections the pool holds open", ["pool"])',
    '_IDLE = Gauge("db_pool_idle_connections", "Connections idle in the pool", ["pool"])',
    '_WAITING = Gauge("db_pool_waiting_requests", "Callers waiting for a connection", ["pool"])',
    '',
    '',
    'def _reader(pool_of, count):',
    '    def read():',
    '        pool = pool_of()',
    '        return count(pool) if pool is not None else 0',
    '',
    '    return read',
  ];
  for (const id of drivers) {
    const driver = pyDriverById(id);
    const gauges = driver.gauges;
    if (!gauges) continue;
    lines.push(
      '',
      '',
      `def ${monitorFunction(id)}(label, pool_of):`,
      `    """Export the ${driver.label} pool pool_of() returns (None until it is made) as \`label\`."""`,
      `    _OPEN.labels(pool=label).set_function(_reader(pool_of, lambda p: ${gauges.total}))`,
      `    _IDLE.labels(pool=label).set_function(_reader(pool_of, lambda p: ${gauges.idle}))`,
      ...(gauges.waiting
        ? [`    _WAITING.labels(pool=label).set_function(_reader(pool_of, lambda p: ${gauges.waiting}))`]
        : []),
    );
  }
  return [...lines.map((l) => restyled(l, style)), ''].join(style.eol);
}
