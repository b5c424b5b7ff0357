/**
 * The gate: a listener where the emitter is made once and none listens yet;
 * gauges (when asked) where the library has public counters and the pool is
 * not already watched; reports for what cannot be fixed here.
 */
import { poolLabel } from '../../../src/frontends/js/analysis/pool-sites';
import { jobKind } from '../../../src/frontends/js/analysis/job-module';
import { schemaSetupOnly } from '../../../src/frontends/js/analysis/one-shot';
import path from 'node:path';
import type { Decision, Report } from '../../../src/core/types';
import { spanOf } from '../../../src/frontends/js/nodes';
import type { JsContext } from '../../../src/frontends/js/context';
import type { Emitter, Site } from './detect';
import { loggerOf } from './logger';
import type { Options, MessageId } from '../meta';

export interface Plan {
  emitter: Emitter;
  listener: boolean;
  metrics: { label: string; module: string } | null;
}

export function gate(site: Site, ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  if (site.kind === 'connect')
    return {
      kind: 'report',
      report: { messageId: 'connect-unhandled', at: spanOf(site.call), data: { client: site.client } },
    };
  if (site.kind === 'subscriber')
    return {
      kind: 'report',
      report: {
        messageId: 'subscriber-no-error-listener',
        at: spanOf(site.at),
        data: { client: site.client, how: site.how },
      },
    };
  if (site.kind === 'held') {
    return {
      kind: 'report',
      report: {
        messageId: site.inTransaction ? 'held-in-transaction' : 'held-across-await',
        at: spanOf(site.wait),
        data: { client: site.connection.binding.identifier.name, what: site.what },
      },
    };
  }
  const { emitter } = site;
  const at = spanOf(emitter.call);
  const data = { pool: shownName(emitter, ctx), driver: emitter.driver.label };
  if (!emitter.pool) return clientDecision(emitter, at);
  const stats = emitter.driver.pool?.stats;
  // Nobody scrapes gauges from a job that ends (a backfill, a migration), nor from a pool a function makes for
  // its schema statements and ends: such a pool keeps only its error listener.
  const { pool } = emitter;
  const job =
    jobKind(ctx) === 'one-shot' ||
    (pool.scope === 'call' && pool.binding !== null && schemaSetupOnly(pool.binding, pool.driver));
  const wantsMetrics = options.metrics !== 'none' && emitter.pool !== null && !job;
  if (wantsMetrics && !stats) return { kind: 'report', report: { messageId: 'no-counters', at, data } };
  const watched = wantsMetrics && ctx.text.includes(`monitorPool(${emitter.name}`);
  const needsListener = !emitter.listens && emitter.driver.pool?.errorEvent === true;
  // Gauges are registered once per pool name: a pool a function makes (maybe more than once) gets its listener only.
  const once = emitter.pool?.scope !== 'kept' && emitter.pool?.scope !== 'call';
  const metrics =
    wantsMetrics && !watched && once
      ? {
          label: label(emitter, ctx),
          module:
            options.metricsModule ??
            path.join(
              path.dirname(ctx.path),
              `pool-metrics${/\.[cm]?tsx?$/.test(ctx.path) ? '.ts' : path.extname(ctx.path)}`,
            ),
        }
      : null;
  const unwatched =
    options.metrics === 'none' &&
    emitter.pool !== null &&
    !job &&
    stats !== null &&
    stats !== undefined &&
    !/monitorPool\(|\bGauge\b|createObservableGauge/.test(ctx.text);
  const notMonitored: Report<MessageId>[] = unwatched ? [{ messageId: 'not-monitored', at, data }] : [];
  // A listener, already there or added now, meets a mock without `on` when the tests load this module.
  const mocked = needsListener || emitter.listens ? mockedInTests(emitter, ctx, at) : [];
  if (!needsListener && !metrics) {
    const [first, ...rest] = [...notMonitored, ...mocked];
    return first
      ? { kind: 'report', report: first, also: rest }
      : { kind: 'ok', check: emitter.listens ? 'error-listener' : 'no-error-event', at };
  }
  if (!emitter.statement) {
    if (!needsListener) return { kind: 'ok', check: 'not-top-level', at };
    // Made once, but where no statement can follow it: say where to add it, not that it would repeat.
    const kept = emitter.returnedBy
      ? {
          subject: `the pool \`${emitter.returnedBy}\` returns`,
          why: 'it is returned as made, with no statement of its own',
        }
      : emitter.pool.scope === 'kept'
        ? { subject: `\`${emitter.name}\``, why: 'it is made in a one-statement `if`, with no block to add one to' }
        : null;
    return kept
      ? { kind: 'report', report: { messageId: 'kept-pool-no-listener', at, data: { ...data, ...kept } } }
      : { kind: 'report', report: { messageId: 'listener-per-call', at, data } };
  }
  const plan: Plan = { emitter, listener: needsListener, metrics };
  if (needsListener)
    return {
      kind: 'fix',
      plan,
      report: {
        messageId: 'no-error-listener',
        at,
        data: { ...data, logger: describe(loggerOf(ctx, emitter.pool?.path).name) },
      },
      also: [...notMonitored, ...mocked],
    };
  return {
    kind: 'fix',
    plan,
    report: { messageId: 'metrics-added', at, data: { ...data, flavor: options.metrics, label: metrics!.label } },
  };
}

/**
 * A long-lived client gets no listener from the tool: with none, a dead
 * connection ends the process, and a supervisor's restart is how such a
 * client recovers; a listener that only logs would keep the process up with
 * the dead client, every later query failing. Said, with what does recover.
 */
function clientDecision(emitter: Emitter, at: Report<MessageId>['at']): Decision<Plan, MessageId> {
  if (emitter.listens) return { kind: 'ok', check: 'error-listener', at };
  const advice = emitter.lazy
    ? `Since it is made on first use, an 'error' listener that logs and clears \`${emitter.name}\` lets the next call make a new client; a pool (client-to-pool) does this for you`
    : 'Make it a pool (client-to-pool), which replaces dead connections and takes a listener that keeps the process up';
  return {
    kind: 'report',
    report: {
      messageId: 'client-no-error-listener',
      at,
      data: { pool: emitter.name, driver: emitter.driver.label, advice },
    },
  };
}

/**
 * The project's tests mock the library this pool comes from: the listener
 * the fix adds runs at import, and a mock without `on` fails there. Said
 * beside the fix, so the change does not first show as broken tests.
 */
function mockedInTests(emitter: Emitter, ctx: JsContext, at: Report<MessageId>['at']): Report<MessageId>[] {
  const mocks = ctx.project.driverMocks;
  const module = emitter.driver.modules.find((m) => mocks?.has(m));
  if (!mocks || !module) return [];
  return [
    {
      messageId: 'driver-mocked-in-tests',
      at,
      data: { pool: shownName(emitter, ctx), module, file: mocks.get(module) ?? '' },
    },
  ];
}

/**
 * How messages name the emitter: a pool named by what holds it is named as
 * every transform names one (poolLabel: the construction, not
 * `module.exports`); anything else by its holder.
 */
function shownName(emitter: Emitter, ctx: JsContext): string {
  return emitter.pool && emitter.pool.name === emitter.name ? poolLabel(emitter.pool, ctx.text) : emitter.name;
}

/** A pool's label in the gauges: its module and name (`db.pool`), unique in a process. */
function label(emitter: Emitter, ctx: JsContext): string {
  const base = path.basename(ctx.path).replace(/\.[cm]?[jt]sx?$/, '');
  return base === 'index' ? `${path.basename(path.dirname(ctx.path))}.${emitter.name}` : `${base}.${emitter.name}`;
}

function describe(logger: string): string {
  return logger === 'console' ? 'console.error' : `\`${logger}\``;
}
