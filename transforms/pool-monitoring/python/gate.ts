/**
 * The Python gate. An `except` around taking a connection that neither
 * logs nor raises loses the error (review question 8): with a
 * module-level logger (`logger = logging.getLogger(__name__)`) the handler
 * gets `logger.exception(...)`, which records the traceback; otherwise it is
 * reported. A pool whose state nothing exports is reported with the
 * library's own counters to export (psycopg2 has none).
 */
import { PY_DRIVERS } from '../../../src/drivers/python';
import type { Node } from 'web-tree-sitter';
import type { Edit } from '../../../src/core/edits';
import type { Decision } from '../../../src/core/types';
import fs from 'node:fs';
import path from 'node:path';
import type { PyPoolSite } from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';
import { importInsertionPoint } from '../../../src/frontends/python/imports';
import { importPathFor } from '../../../src/frontends/python/modules';
import { type PyMetricsFlavor, type PyMetricsModuleRequest, monitorFunction } from './metrics-module';
import { lineStart, nextLineStart } from '../../../src/frontends/python/edits';
import { lineIndent } from '../../../src/frontends/python/style';
import type { MessageId, Options } from '../meta';
import type { Site } from './detect';
import { spanOf } from '../../../src/frontends/python/decisions';
import { runsOnceIn, runsOnceNeeds } from '../../../src/frontends/python/scan/imported';
import type { FactNeed } from '../../../src/core/facts';

export interface Plan {
  edits: Edit[];
  requests?: PyMetricsModuleRequest[];
  label?: string;
}

/** Libraries whose import means the module exports metrics already. */
const METRICS_LIBRARIES = /^(prometheus_client|opentelemetry|statsd|datadog)(\.|$)/;
/** Reading a pool's state: a library's counters, or psycopg2's list of connections in use (what its users log). */
const READS_COUNTERS = new RegExp(`\\.(${[...new Set(PY_DRIVERS.flatMap((d) => d.stateReaders))].join('|')})\\b`);

export function gate(site: Site, ctx: PyContext, options: Options): Decision<Plan, MessageId> {
  if (site.kind === 'pool') {
    const { pool } = site;
    // A script's pool (a migration command, a seed run) lives for one run: nobody scrapes it.
    if (runsOnceIn(ctx, pool.fn)) return { kind: 'ok', check: 'one-shot-script', at: spanOf(pool.call) };
    const name = pool.target ?? pool.call.text.split('(')[0];
    const data = { pool: name, driver: pool.driver.label };
    const exports = ctx.facts.imports.some((i) => METRICS_LIBRARIES.test(i.module)) || READS_COUNTERS.test(ctx.text);
    if (exports || monitored(ctx.text, name)) return { kind: 'ok', check: 'state-exported', at: spanOf(pool.call) };
    const flavor = options.metrics === 'none' ? undefined : options.metrics;
    const plan = flavor ? metricsPlan(ctx, pool, name, flavor) : undefined;
    if (flavor && plan)
      return {
        kind: 'fix',
        plan,
        report: {
          messageId: 'metrics-added',
          at: spanOf(pool.call),
          data: { ...data, flavor: METRICS_LIBRARY[flavor].label, label: plan.label },
        },
      };
    const counters = pool.driver.counters;
    if (!counters)
      return { kind: 'report', report: { messageId: 'pool-has-no-counters', at: spanOf(pool.call), data } };
    return {
      kind: 'report',
      report: { messageId: 'pool-state-unexported', at: spanOf(pool.call), data: { ...data, counters } },
    };
  }
  if (site.kind === 'handled') return { kind: 'ok', check: 'error-handled', at: spanOf(site.clause) };
  const logger = moduleLogger(ctx);
  const data = { what: site.what, logger: logger ?? '' };
  // A handler that says why it drops the error is the author's decision: said, not rewritten.
  const why = explanation(site.clause);
  if (why)
    return {
      kind: 'report',
      report: { messageId: 'error-ignored-documented', at: spanOf(site.clause), data: { ...data, why } },
    };
  if (!logger) return { kind: 'report', report: { messageId: 'error-swallowed', at: spanOf(site.clause), data } };
  return {
    kind: 'fix',
    plan: { edits: [logEdit(ctx, site.body, logger, site.what)] },
    report: { messageId: 'error-logged', at: spanOf(site.clause), data },
  };
}

/** Comments that speak to a tool, not to a reader (`# pragma: no cover`, `# noqa`, `# type: ignore`). */
const DIRECTIVE = /^#\s*(pragma\b|noqa\b|type:|pylint:|nosec\b|fmt:|pyright:|mypy:|pool-codemod-ignore\b)/;

/**
 * The first comment below the `except` line (with the comment lines right
 * after it), in its words, shortened; none where the comments only speak
 * to a tool.
 */
function explanation(clause: Node): string | undefined {
  const headerRow = clause.startPosition.row;
  const comments = clause
    .descendantsOfType('comment')
    .filter((c): c is Node => c !== null && c.startPosition.row > headerRow && !DIRECTIVE.test(c.text));
  if (comments.length === 0) return undefined;
  const lines = [comments[0]];
  for (const c of comments.slice(1))
    if (c.startPosition.row === lines[lines.length - 1].startPosition.row + 1) lines.push(c);
  const words = lines.map((c) => c.text.replace(/^#+\s*/, '').trim()).join(' ');
  return words.length > 120 ? `${words.slice(0, 117)}...` : words;
}

/** `logger.exception(...)` as the handler's first line (in place of a lone `pass`). */
function logEdit(ctx: PyContext, body: Node, logger: string, what: string): Edit {
  const first = body.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? body.namedChildren[0];
  const q = ctx.style.quote;
  const call = `${logger}.exception(${q}${what.replace(/[\\'"]/g, '')} failed${q})`;
  if (first?.type === 'pass_statement' && body.namedChildren.filter((c) => c?.type !== 'comment').length === 1)
    return { ...spanOf(first), text: call };
  const anchor = first ?? body;
  const start = lineStart(ctx.text, anchor.startIndex);
  return { start, end: start, text: `${lineIndent(ctx.text, anchor.startIndex)}${call}${ctx.style.eol}` };
}

/** The module's logger: `logger = logging.getLogger(...)` (or `log`, `LOGGER`) at module level. */
function moduleLogger(ctx: PyContext): string | undefined {
  for (const statement of ctx.root.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (
      left?.type === 'identifier' &&
      right?.type === 'call' &&
      /^(logging\.)?getLogger$/.test(right.childForFieldName('function')?.text ?? '')
    )
      return left.text;
  }
  return undefined;
}

/**
 * The metrics libraries `--metrics` writes for: how the project declares
 * one (requirements, pyproject, setup, Pipfile; the OpenTelemetry SDK and
 * distro bring the API), and how a module imports it. An import the
 * environment cannot load would break the module, so a library the project
 * does not install is never written.
 */
const METRICS_LIBRARY: Record<PyMetricsFlavor, { label: string; declared: RegExp; imported: RegExp }> = {
  'prom-client': {
    label: 'prometheus_client',
    declared: /\bprometheus[-_]client\b/i,
    imported: /^\s*(import|from) prometheus_client\b/m,
  },
  otel: {
    label: 'OpenTelemetry',
    declared: /\bopentelemetry[-_](api|sdk|distro)\b/i,
    imported: /^\s*(import|from) opentelemetry\b/m,
  },
};

/**
 * The gauges for a pool the module binds to a name of its own (at module
 * level, or a global a startup function sets), where the project installs
 * the metrics library: pool_metrics.py beside the module, imported, and one
 * call after the statement that makes the pool, reading the name when
 * collected (None until the startup function has run reads 0).
 */
function metricsPlan(
  ctx: PyContext,
  pool: PyPoolSite,
  name: string,
  flavor: PyMetricsFlavor,
): (Plan & { label: string }) | undefined {
  if (pool.target === null || pool.target.includes('.') || !pool.driver.gauges) return undefined;
  const library = METRICS_LIBRARY[flavor];
  if (!library.imported.test(ctx.text) && !library.declared.test(ctx.project.pythonManifests ?? '')) return undefined;
  const target = path.join(path.dirname(ctx.path), 'pool_metrics.py');
  const module = importPathFor(ctx.path, target);
  if (!module) return undefined;
  const monitor = monitorFunction(pool.driver.id);
  // A pool_metrics.py of the project's own is imported only if it has the function (it is never rewritten).
  if (fs.existsSync(target) && !fs.readFileSync(target, 'utf8').includes(`def ${monitor}(`)) return undefined;
  const top = topStatement(pool.statement);
  const label = `${module.replace(/pool_metrics$/, '')}${path.basename(ctx.path, '.py')}:${name}`;
  const q = ctx.style.quote;
  const call = `${monitor}(${q}${label}${q}, lambda: globals().get(${q}${name}${q}))`;
  const after = nextLineStart(ctx.text, top.endIndex);
  const at = importInsertionPoint(ctx.text, ctx.root);
  return {
    label,
    edits: [
      { start: at, end: at, text: `from ${module} import ${monitor}${ctx.style.eol}` },
      {
        start: after,
        end: after,
        text: `${top.type === 'function_definition' || top.type === 'decorated_definition' ? ctx.style.eol.repeat(2) : ''}${call}${ctx.style.eol}`,
      },
    ],
    requests: [{ kind: 'python-metrics-module', path: target, drivers: [pool.driver.id], flavor, style: ctx.style }],
  };
}

function topStatement(node: Node): Node {
  let n = node;
  while (n.parent && n.parent.type !== 'module') n = n.parent;
  return n;
}

/** This pool already has its gauges: `monitor_<library>_pool(..., lambda: globals().get("<name>"))`. */
function monitored(text: string, name: string): boolean {
  return new RegExp(`\\bmonitor_\\w+_pool\\([^\\n]*\\bget\\((['"])${name}\\1\\)`).test(text);
}

/** A module with a `__main__` guard: whether the project imports it (a script's pools are left alone). */
export function needs(sites: readonly Site[], ctx: PyContext): FactNeed[] {
  return sites.some((s) => s.kind === 'pool') ? runsOnceNeeds(ctx) : [];
}
