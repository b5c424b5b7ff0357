/**
 * The Python gate. asyncpg: a checkout with no `timeout=` on a pool the
 * tool can name (made in this file, or imported from the module that makes
 * it) gets one; on a receiver it cannot tie to an asyncpg pool it is
 * reported; an explicit `timeout=None` is kept and reported. psycopg_pool: a
 * pool whose `timeout=` turns the 30 s default off (None), makes it fail at
 * once (0) or wait longer than a caller would is reported. psycopg2: its
 * pools never wait, they raise when exhausted, which is reported on the pool
 * unless the pool's class gives getconn() a wait of its own.
 */
import type { Node } from 'web-tree-sitter';
import type { FactNeed } from '../../../src/core/facts';
import type { Decision } from '../../../src/core/types';
import type { PyDriverProfile } from '../../../src/drivers/python';
import {
  type PyPoolSite,
  driverOfAnnotatedAttribute,
  driverOfAnnotatedParameter,
  driverOfReceiver,
} from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';
import { caughtClasses } from '../../../src/frontends/python/analysis/handlers';
import { argumentsOf, keywordValue } from '../../../src/frontends/python/fixes/arguments';
import { runsOnceIn, runsOnceNeeds } from '../../../src/frontends/python/scan/imported';
import { PY_POOLS } from '../../../src/frontends/python/scan/pools';
import { importedPoolDriver, importedPoolName } from '../../../src/frontends/python/scan/imported-pools';
import type { MessageId, Options } from '../meta';
import { type AcquireSite, PER_CALL, type Site } from './detect';
import { reportAt, spanOf } from '../../../src/frontends/python/decisions';

export interface Plan {
  call: Node;
  /** The checkout's own wait keyword (asyncpg's `timeout`). */
  keyword: string;
  seconds: string;
}

/** Longer than this, a wait for a connection is one no caller is still there for (seconds). */
const LONGEST_SENSIBLE_WAIT = 600;

/** The option in seconds, as a Python literal (`5`, `2.5`). */
function secondsOf(options: Options): string {
  return String(options.acquireTimeoutMs / 1000);
}

export function gate(site: Site, ctx: PyContext, options: Options): Decision<Plan, MessageId> {
  const seconds = secondsOf(options);
  // A keyword the checkout does not take raises wherever the code runs.
  if (site.kind === 'argument') return gateArgument(site);
  // A script run once serves no requests: only its own work waits in the pool's queue, often by design (tasks
  // gathered over a small pool), which a timeout would turn into failures, and only it finds the pool exhausted.
  if (runsOnceIn(ctx, site.kind === 'pool' ? site.pool.fn : site.fn))
    return { kind: 'ok', check: 'one-shot-script', at: spanOf(site.kind === 'pool' ? site.pool.call : site.call) };
  if (site.kind === 'pool') return gatePool(site.pool, ctx, seconds);
  const driver = driverOf(site, ctx);
  const pool = site.receiver.text;
  const keyword = PER_CALL?.acquireTimeout?.keyword;
  if (!PER_CALL || !keyword || (driver && driver !== PER_CALL))
    return { kind: 'ok', check: 'not-asyncpg', at: spanOf(site.call) };
  const timeout = keywordValue(site.call, keyword);
  if (timeout?.text === 'None')
    return reportAt('checkout-waits-forever', timeout, { pool, driver: PER_CALL.label, value: seconds });
  if (timeout) return { kind: 'ok', check: 'acquire-timeout', at: spanOf(site.call) };
  if (argumentsOf(site.call).length > 0) return { kind: 'ok', check: 'unknown-arguments', at: spanOf(site.call) };
  const raises = PER_CALL.acquireTimeout?.raises ?? '';
  const loop = endlessLoopAround(site.call, raises);
  if (loop && (driver || unknownPool(site, ctx)))
    return reportAt('checkout-in-endless-loop', site.call, {
      pool,
      driver: PER_CALL.label,
      value: seconds,
      raises,
      loop: loop.text.split(':')[0],
      fn: site.fn ? `\`${site.fn.name}()\`` : 'the module',
    });
  if (driver) {
    const data = { pool, driver: driver.label, value: seconds, raises };
    return {
      kind: 'fix',
      plan: { call: site.call, keyword, seconds },
      report: { messageId: 'no-checkout-timeout', at: spanOf(site.call), data },
    };
  }
  // The file imports asyncpg and no other library the tool knows, and the call is used as a checkout,
  // but the receiver is not a pool the tool can name.
  if (!unknownPool(site, ctx)) return { kind: 'ok', check: 'not-a-pool', at: spanOf(site.call) };
  // One finding per receiver and module: the first such checkout speaks for the rest.
  const unknown = site.sameReceiver.filter((s) => unknownPool(s, ctx) && argumentsOf(s.call).length === 0);
  if (unknown[0] !== site) return { kind: 'ok', check: 'reported-at-first-checkout', at: spanOf(site.call) };
  const more = unknown.length > 1 ? ` (and ${unknown.length - 1} more in this module)` : '';
  return reportAt('checkout-pool-unknown', site.call, { pool, driver: PER_CALL.label, value: seconds, more });
}

/**
 * The pool's library: made in this module, imported from the module that
 * makes it, or a parameter (or an attribute set from one) typed as one.
 */
function driverOf(site: AcquireSite, ctx: PyContext): PyDriverProfile | undefined {
  if (site.made) return site.made.driver;
  const imported = importedPoolDriver(site.receiver, site.fn, ctx);
  if (imported) return imported;
  return site.receiver.type === 'identifier'
    ? driverOfAnnotatedParameter(site.receiver.text, site.fn, ctx.facts)
    : driverOfAnnotatedAttribute(site.receiver, site.fn, ctx.facts);
}

/**
 * A checkout on a receiver the tool cannot tie to a pool, in a module that
 * imports asyncpg and no other library the tool knows.
 */
function unknownPool(site: AcquireSite, ctx: PyContext): boolean {
  if (!site.checkoutShape || driverOf(site, ctx)) return false;
  // `self.acquire()` is the class's own method (a wrapper around its pool), not a pool's.
  if (site.receiver.type === 'identifier' && ['self', 'cls'].includes(site.receiver.text)) return false;
  return driverOfReceiver(site.receiver, site.fn, ctx.facts, []) === PER_CALL;
}

function gatePool(pool: PyPoolSite, ctx: PyContext, seconds: string): Decision<Plan, MessageId> {
  const { driver } = pool;
  const name = pool.target ?? pool.call.text.split('(')[0];
  const data = { pool: name, driver: pool.cls.module.split('.')[0], cls: pool.cls.name, value: seconds };
  const wait = driver.acquireTimeout;
  if (!wait) {
    if (definesMethod(ctx.root, pool.cls.name, driver.checkout.method))
      return { kind: 'ok', check: 'own-checkout', at: spanOf(pool.call) };
    return reportAt('fails-when-exhausted', pool.call, {
      ...data,
      method: driver.checkout.method,
      detail: driver.says.exhaustion,
    });
  }
  const timeout = keywordValue(pool.call, wait.keyword);
  if (!timeout) return { kind: 'ok', check: 'default-timeout', at: spanOf(pool.call) };
  const effect = effectOf(timeout.text);
  if (!effect) return { kind: 'ok', check: 'acquire-timeout', at: spanOf(pool.call) };
  const setting = `${wait.keyword}=${timeout.text}`;
  return reportAt('pool-timeout-off', timeout, { ...data, setting, effect, default: String(wait.defaultSeconds) });
}

/** What a pool's `timeout=` value does to a caller, when it is not a bounded wait; undefined when it is (or unknown). */
function effectOf(value: string): string | undefined {
  if (value === 'None') return 'every caller waits forever for a free connection';
  const n = /^\d+(\.\d*)?$/.test(value.replace(/_/g, '')) ? Number(value.replace(/_/g, '')) : undefined;
  if (n === 0) return 'a caller that finds every connection checked out gives up at once';
  if (n !== undefined && n > LONGEST_SENSIBLE_WAIT) return `a caller waits up to ${value} s for a free connection`;
  return undefined;
}

/** `class <name>(...)` in this module defines `<method>` itself. */
function definesMethod(root: Node, name: string, method: string): boolean {
  const cls = root.namedChildren.find(
    (n) => n?.type === 'class_definition' && n.childForFieldName('name')?.text === name,
  );
  return (cls?.childForFieldName('body')?.namedChildren ?? []).some(
    (s) => s?.type === 'function_definition' && s.childForFieldName('name')?.text === method,
  );
}

/**
 * The loop that never ends on its own (`while True:`, `while 1:`) around a
 * checkout, when no `try` inside it catches what a timed-out checkout
 * raises. There a timeout ends the loop for good the first time every
 * connection is busy: typically a background task's, which nothing
 * restarts, where before it only waited its turn.
 */
function endlessLoopAround(call: Node, raises: string): Node | undefined {
  let from: Node = call;
  for (let n = call.parent; n; from = n, n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') return undefined;
    if (n.type === 'try_statement' && n.childForFieldName('body')?.id === from.id && catches(n, raises))
      return undefined;
    const condition = n.type === 'while_statement' ? n.childForFieldName('condition') : null;
    if (condition && (condition.type === 'true' || condition.text === '1')) return n;
  }
  return undefined;
}

/**
 * A handler of the `try` that catches `raised` (`asyncio.TimeoutError`): a
 * bare `except:`, or one naming `Exception`, `BaseException` or the class by
 * its last name, however it is qualified (asyncio's `TimeoutError` is the
 * builtin one since Python 3.11).
 */
function catches(tryStatement: Node, raised: string): boolean {
  const last = raised.split('.').pop();
  return tryStatement.namedChildren.some((clause) => {
    if (clause?.type !== 'except_clause') return false;
    const names = caughtClasses(clause);
    return (
      names === null || names.some((name) => ['Exception', 'BaseException', last].includes(name?.text.split('.').pop()))
    );
  });
}

function importedName(site: AcquireSite, ctx: PyContext): { module: string; name: string } | undefined {
  return importedPoolName(site.receiver, site.fn, ctx);
}

/** Sites that read a pool another module makes need the project's pools; a module with a `__main__` guard, whether the project imports it. */
export function needs(sites: readonly Site[], ctx: PyContext): FactNeed[] {
  const reads = sites.some((s) => s.kind === 'acquire' && !s.made && importedName(s, ctx));
  return [...runsOnceNeeds(ctx), ...(reads ? [{ fact: PY_POOLS }] : [])];
}

/** A keyword the checkout method does not take raises TypeError where it runs: psycopg2's pools have no wait to bound. */
function gateArgument(site: Extract<Site, { kind: 'argument' }>): Decision<Plan, MessageId> {
  const { driver } = site;
  const advice =
    driver.acquireTimeout === null && site.name === 'timeout'
      ? `${driver.label}'s pools never wait: ${site.method}() raises PoolError at once when the pool is exhausted, so there is no wait to bound; handle PoolError, or give the pool a ${site.method}() of your own that waits with a timeout`
      : `it takes ${site.keywords.map((k) => `\`${k}=\``).join(', ') || 'no keyword'}`;
  return reportAt('checkout-argument-unknown', site.keyword, {
    call: `${site.method}(${site.keyword.text})`,
    keyword: site.name,
    driver: driver.label,
    method: site.method,
    advice,
  });
}
