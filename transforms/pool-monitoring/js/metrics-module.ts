/**
 * pool-monitoring's own module: gauges of total, idle and waiting
 * connections per pool (`--metrics prom-client|otel`), and the provider that
 * writes it when a fix asks for it. An existing module at that path is the
 * user's: it is imported, never rewritten.
 */
import { defineProvider } from '../../../src/core/providers';
import { driverById } from '../../../src/drivers';
import type { DevReload } from '../../../src/project/dev-reload';
import { type JsStyle, quoted, statement } from '../../../src/frontends/js/style';

export interface MetricsModuleRequest {
  kind: 'metrics-module';
  path: string;
  flavor: 'prom-client' | 'otel';
  drivers: string[];
  esm: boolean;
  typescript: boolean;
  style: JsStyle;
  /** The project's framework hot-reloads server modules in development: the gauges are registered once per process. */
  devReload?: DevReload;
}

export const METRICS_MODULE = defineProvider<MetricsModuleRequest>({
  kind: 'metrics-module',
  where: 'metricsModule (--metrics-module)',
  provide(_target, current, requests) {
    if (current !== null) return { text: null };
    const [first] = requests;
    return {
      text: metricsModuleText({
        flavor: first.flavor,
        drivers: [...new Set(requests.flatMap((r) => r.drivers))],
        esm: first.esm,
        typescript: first.typescript,
        style: first.style,
        ...(first.devReload ? { devReload: first.devReload } : {}),
      }),
    };
  },
});

/** What each library's pool counters are called, for the metrics module. */
function statsOf(driverIds: string[]): Record<string, { total: string; idle: string; waiting: string }> {
  const stats: Record<string, { total: string; idle: string; waiting: string }> = {};
  for (const id of driverIds) {
    const s = driverById(id).pool?.stats;
    if (s) stats[id] = s;
  }
  return stats;
}

/**
 * The metrics module: gauges of total, idle and waiting connections per pool,
 * read from the pool when they are scraped (prom-client `collect()`,
 * OpenTelemetry observable gauges), registered once per process whatever the
 * number of pools, each pool under its own label.
 */
export function metricsModuleText(options: {
  flavor: 'prom-client' | 'otel';
  drivers: string[];
  esm: boolean;
  typescript: boolean;
  style: JsStyle;
  devReload?: DevReload;
}): string {
  const { style, typescript, esm, devReload } = options;
  const q = (s: string) => quoted(s, style);
  const st = (s: string) => statement(s, style);
  const i = style.indent;
  const stats = statsOf(options.drivers);
  const statsText = Object.entries(stats)
    .map(
      ([id, s]) =>
        `${i}${/^[\w$]+$/.test(id) ? id : q(id)}: { total: ${q(s.total)}, idle: ${q(s.idle)}, waiting: ${q(s.waiting)} },`,
    )
    .join(style.eol);
  const entryType = typescript
    ? 'interface Watched {' +
      style.eol +
      `${i}pool: object;` +
      style.eol +
      `${i}label: string;` +
      style.eol +
      `${i}stats: { total: string; idle: string; waiting: string };` +
      style.eol +
      '}'
    : '';
  const readParam = typescript ? "(w: Watched, key: 'total' | 'idle' | 'waiting')" : '(w, key)';
  const lines: string[] = [];
  const importLine =
    options.flavor === 'prom-client'
      ? esm
        ? st(`import { Gauge } from ${q('prom-client')}`)
        : st(`const { Gauge } = require(${q('prom-client')})`)
      : esm
        ? st(`import { metrics } from ${q('@opentelemetry/api')}`)
        : st(`const { metrics } = require(${q('@opentelemetry/api')})`);
  lines.push(
    '// Pool gauges (written by pool-codemod pool-monitoring): read from each pool when scraped, never counted by hand.',
    importLine,
    '',
  );
  lines.push(`const STATS = {`, statsText, st('}'), '');
  if (entryType) lines.push(entryType, '');
  if (devReload) {
    // A second evaluation would register the gauges again (prom-client throws) and start an empty list.
    lines.push(
      `// \`${devReload.command}\` (${devReload.framework}) evaluates this module again on every edit: the watched pools`,
      '// are kept on globalThis, and the gauges are registered by the first evaluation only.',
      st(`const kept = globalThis${typescript ? ' as unknown as { poolCodemodWatched?: Watched[] }' : ''}`),
      st('const first = kept.poolCodemodWatched === undefined'),
      st('const watched = (kept.poolCodemodWatched ??= [])'),
      '',
    );
  } else lines.push(st(`const watched${typescript ? ': Watched[]' : ''} = []`), '');
  lines.push(
    `function read${readParam}${typescript ? ': number' : ''} {`,
    `${i}${st(typescript ? 'return (w.pool as Record<string, number>)[w.stats[key]]' : 'return w.pool[w.stats[key]]')}`,
    '}',
    '',
  );
  const gauges: [string, string, string][] = [
    ['db_pool_connections_total', 'Connections the pool holds, idle and checked out', 'total'],
    ['db_pool_connections_idle', 'Connections idle in the pool', 'idle'],
    ['db_pool_clients_waiting', 'Callers waiting for a connection', 'waiting'],
  ];
  const registration: string[] = [];
  if (options.flavor === 'prom-client') {
    for (const [name, help, key] of gauges) {
      registration.push(
        `new Gauge({`,
        `${i}name: ${q(name)},`,
        `${i}help: ${q(help)},`,
        `${i}labelNames: [${q('pool')}],`,
        `${i}collect() {`,
        `${i}${i}for (const w of watched) this.set({ pool: w.label }, read(w, ${q(key)}))${style.semi ? ';' : ''}`,
        `${i}},`,
        st('})'),
        '',
      );
    }
  } else {
    registration.push(st(`const meter = metrics.getMeter(${q('pool-codemod')})`), '');
    for (const [name, help, key] of gauges) {
      registration.push(
        `meter.createObservableGauge(${q(name.replace(/_/g, '.'))}, { description: ${q(help)} }).addCallback((result) => {`,
        `${i}for (const w of watched) result.observe(read(w, ${q(key)}), { pool: w.label })${style.semi ? ';' : ''}`,
        st('})'),
        '',
      );
    }
  }
  if (devReload) {
    // Registered once: the block's lines one step in, its trailing blank line after it.
    const body = registration.slice(0, -1).map((line) => (line === '' ? '' : `${i}${line}`));
    lines.push('if (first) {', ...body, '}', '');
  } else lines.push(...registration);
  const signature = typescript
    ? `monitorPool(pool: object, label: string, driver: keyof typeof STATS = ${q(Object.keys(stats)[0] ?? 'pg')}): void`
    : `monitorPool(pool, label, driver = ${q(Object.keys(stats)[0] ?? 'pg')})`;
  lines.push(
    `/** Export this pool's counters under \`label\`. Call once per pool, where the pool is made. */`,
    `${esm ? 'export ' : ''}function ${signature} {`,
    `${i}${st('watched.push({ pool, label, stats: STATS[driver] })')}`,
    '}',
  );
  if (!esm) lines.push('', st('module.exports = { monitorPool }'));
  return lines.join(style.eol) + style.eol;
}
