/**
 * The Python gate: a checkout (`conn = pool.getconn()`, `conn = await
 * pool.acquire()`) whose release is a later statement of the same block,
 * not in a `finally`, leaks the connection whenever a statement in between
 * raises. It is rewritten only where one release in one place is provably
 * what the code meant:
 * - the last release is a statement of the checkout's block, and any other
 *   is the last thing before a `return`, `raise`, `break` or `continue`;
 * - the connection does not leave the section (returned, stored, yielded by
 *   a generator that is not a context manager, handed to a thread or task);
 * - nothing uses it after the release.
 * The result is `try:`/`finally:` with the release, or the library's scoped
 * form where it is the same thing (asyncpg's `async with pool.acquire()`;
 * psycopg_pool's `with pool.connection()` only when the section commits its
 * own work last, because leaving that block commits).
 */
import type { Node } from 'web-tree-sitter';
import type { FactNeed } from '../../../src/core/facts';
import type { Decision } from '../../../src/core/types';
import type { PyDriverProfile } from '../../../src/drivers/python';
import { psycopg2 } from '../../../src/drivers/python/psycopg2';
import {
  type PyCheckout,
  type PyKeptCheckout,
  type PyRelease,
  keptInClass,
  releasesOf,
} from '../../../src/frontends/python/analysis/checkouts';
import { findPyPoolSites, methodCall } from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';
import { literalText } from '../../../src/frontends/python/analysis/literals';
import { usedOnlyAtTopLevel } from '../../../src/frontends/python/analysis/connections';
import { dependenciesNeeds, escapeFrom } from '../../../src/frontends/python/scan/dependencies';
import {
  importedFromHere,
  importedNamesNeed,
  runsOnce,
  runsOnceNeeds,
} from '../../../src/frontends/python/scan/imported';
import { aloneOnLines } from '../../../src/frontends/python/edits';
import {
  type Escape,
  boundNames,
  exitAfter,
  inFinallyAfter,
  statementsOf,
  subscription,
  useAfter,
  within,
} from '../../../src/frontends/python/analysis/sections';
import type { MessageId, Options } from '../meta';
import type { Site } from './detect';
import { quoted, reportAt, spanOf } from '../../../src/frontends/python/decisions';

export interface Plan {
  checkout: PyCheckout;
  final: PyRelease & { statement: Node };
  /** Releases just before an exit of their block, which the finally makes redundant. */
  early: Node[];
  form: 'try-finally' | 'scoped' | 'helper';
  /**
   * Early releases that discard the connection (`putconn(conn, close=True)`
   * before a `raise`): each becomes `<flag> = True`, and the finally passes
   * `close=<flag>`, so that path still discards it and the others do not.
   */
  discard?: { flag: string; keyword: string; early: Node[] };
}

/** What each way a connection leaves the function is reported as. */
const ESCAPES: Record<Escape['kind'], MessageId> = {
  return: 'escapes-return',
  yield: 'escapes-yield',
  store: 'escapes-store',
  handoff: 'escapes-callback',
  argument: 'escapes-argument',
};

/** How a function checks out for itself with this library: the scoped form where it has one. */
function checkoutAdvice(c: PyCheckout): string {
  const driver: PyDriverProfile = c.driver ?? psycopg2;
  const pool = c.receiver.text;
  if (driver.scoped)
    return `\`${driver.scoped.async ? 'async ' : ''}with ${pool}.${driver.scoped.method}() as ${c.conn}:\``;
  // An asyncio pool's release is awaited like its checkout (psycopg_pool's `await pool.putconn(conn)`).
  const put = `${driver.release.awaited || c.awaited ? 'await ' : ''}${pool}.${driver.release.method}(${c.conn})`;
  return `\`${c.awaited ? 'await ' : ''}${pool}.${c.method}()\`, given back with \`${put}\` in a finally`;
}

function dataOf(c: PyCheckout): Record<string, string> {
  const driver: PyDriverProfile = c.driver ?? psycopg2;
  return { client: c.conn, leakEffect: c.driver ? driver.says.leakEffect : 'the pool runs dry' };
}

export function gate(site: Site, ctx: PyContext, options: Options): Decision<Plan, MessageId> {
  if (site.kept) return keptDecision(site.kept, ctx);
  const c = site.checkout;
  const data = dataOf(c);
  const releases = releasesOf(c, ctx.facts);
  if (!c.fn) {
    // A script's own top-level work may keep one connection; a module whose functions use it shares it with every caller.
    const ownUse = !usedOnlyAtTopLevel(c.conn, ctx.facts);
    // Imported, it is shared only if the module's own statements do not give it back as they load.
    const shared = ownUse || (releases.length === 0 && importedFromHere(ctx, c.conn));
    if (runsOnce(ctx) || !shared) return { kind: 'ok', check: 'module-level', at: spanOf(c.statement) };
    return reportAt('module-checkout', c.statement, {
      ...data,
      pool: c.receiver.text,
      how: checkoutAdvice(c),
      users: ownUse ? "the module's functions use it" : 'other modules of the project import it',
    });
  }
  const escape = escapeFrom(ctx, c.conn, c.fn, c.statement);
  if (releases.length === 0) {
    if (escape) return reportAt(ESCAPES[escape.kind], escape.node, { ...data, detail: escape.detail });
    // A connection that listens for notifications is kept to hear them, not leaked.
    const after = statementsOf(c.block).filter((s) => s.startIndex >= c.statement.endIndex);
    const names = boundNames(c.conn, { start: c.statement.endIndex, end: c.block.endIndex }, c.driver, ctx.facts);
    const listening = subscription(after, names, c.driver, ctx.facts, c.fn);
    if (listening)
      return reportAt('event-subscription', c.statement, {
        ...data,
        detail: `\`${c.conn}\` listens for notifications (\`${quoted(listening)}\`), so it is meant to stay checked out`,
      });
    return reportAt('never-released', c.statement, data);
  }
  if (releases.some((r) => inFinallyAfter(r.call, c.statement)))
    return { kind: 'ok', check: 'released-in-finally', at: spanOf(c.statement) };
  if (escape) return reportAt(ESCAPES[escape.kind], escape.node, { ...data, detail: escape.detail });
  const statements = statementsOf(c.block);
  const index = statements.findIndex((s) => s.id === c.statement.id);
  const finals = releases
    .filter((r): r is PyRelease & { statement: Node } => r.statement !== null && r.statement.parent?.id === c.block.id)
    .filter((r) => statements.findIndex((s) => s.id === r.statement.id) > index);
  const final = finals[finals.length - 1];
  if (!final)
    return reportAt('unsupported', c.statement, {
      ...data,
      detail:
        c.block.parent && ['for_statement', 'while_statement'].includes(c.block.parent.type)
          ? 'it is checked out in a loop and released outside the loop'
          : 'its release is not a statement of the block that checks it out',
    });
  const last = statements.findIndex((s) => s.id === final.statement.id);
  // Released by the next statement, or after lines that print literal text (a connectivity check): nothing throws.
  if (statements.slice(index + 1, last).every((s) => printsPlainText(s, ctx)))
    return { kind: 'ok', check: 'nothing-between', at: spanOf(c.statement) };
  const early: Node[] = [];
  const discarding: Node[] = [];
  for (const r of releases) {
    if (r === final) continue;
    const exit = r.statement ? exitAfter(r.statement) : undefined;
    const inside = r.statement !== null && within(r.statement, statements[index + 1], statements[last - 1]);
    if (!exit || !inside || !r.statement || !aloneOnLines(ctx.text, r.statement))
      return reportAt('double-release', r.call, {
        ...data,
        doubleRelease: 'the connection would go back to the pool twice, or never, depending on the path',
      });
    (r.discards ? discarding : early).push(r.statement);
  }
  const after = useAfter(statements.slice(last + 1), c.conn);
  if (after) return reportAt('use-after-release', after, data);
  if (!aloneOnLines(ctx.text, c.statement) || !aloneOnLines(ctx.text, final.statement))
    return reportAt('unsupported', c.statement, {
      ...data,
      detail: 'its checkout or release shares a line with other code',
    });
  const plan: Plan = { checkout: c, final, early, form: 'try-finally' };
  if (discarding.length > 0) {
    // Only try/finally can carry "discard on this path": the scoped forms and the helper put back as usual.
    const keyword = c.driver?.release.discardKeyword;
    if (!keyword || final.discards || !oneLine(final.call))
      return reportAt('unsupported', discarding[0], {
        ...data,
        detail: 'one path discards the connection and the tool cannot carry that into a single release',
      });
    plan.discard = { flag: freshName('discard', c, ctx), keyword, early: discarding };
    return { kind: 'fix', plan, report: { messageId: 'leak', at: spanOf(final.statement), data } };
  }
  if (options.style === 'helper') {
    const helper = helperFor(c, ctx);
    if (typeof helper === 'string') return reportAt('style-unsupported', c.statement, { ...data, detail: helper });
    plan.form = 'helper';
  } else if (c.driver?.scoped && (!c.driver.scoped.commits || commitsLast(statements.slice(index + 1, last), c.conn))) {
    plan.form = 'scoped';
  }
  return { kind: 'fix', plan, report: { messageId: 'leak', at: spanOf(final.statement), data } };
}

/** `print("Database connected")`: the builtin print of literal text, which does not throw. */
function printsPlainText(statement: Node, ctx: PyContext): boolean {
  const call = statement.type === 'expression_statement' ? statement.namedChildren[0] : null;
  if (call?.type !== 'call' || ctx.facts.moduleNames.has('print')) return false;
  const callee = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  return (
    callee?.type === 'identifier' &&
    callee.text === 'print' &&
    args?.type === 'argument_list' &&
    args.namedChildren.every((a) => a !== null && literalText(a, ctx.facts) !== undefined)
  );
}

function oneLine(node: Node): boolean {
  return node.startPosition.row === node.endPosition.row;
}

/** `base`, or `base_conn`, `base_conn_2`, ...: a name neither the function nor the module binds. */
function freshName(base: string, c: PyCheckout, ctx: PyContext): string {
  const taken = (name: string) => (c.fn?.locals.has(name) ?? false) || ctx.facts.moduleNames.has(name);
  const candidates = [base, `${base}_conn`, ...Array.from({ length: 8 }, (_, i) => `${base}_conn_${i + 2}`)];
  return candidates.find((n) => !taken(n)) ?? `${base}_${c.conn}`;
}

/** The last call on the connection in these statements is its commit: the scoped block's commit on exit changes nothing. */
function commitsLast(statements: readonly Node[], conn: string): boolean {
  let last: string | undefined;
  const visit = (node: Node): void => {
    if (node.type === 'function_definition' || node.type === 'lambda') return;
    if (node.type === 'call') {
      const call = methodCall(node);
      if (call?.receiver.type === 'identifier' && call.receiver.text === conn) last = call.method;
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  for (const s of statements) visit(s);
  return last === 'commit';
}

/** Why the helper style cannot be used here, or the pool's name when it can (psycopg2, a module-level pool of this file). */
function helperFor(c: PyCheckout, ctx: PyContext): string | { pool: string } {
  if (c.driver?.id !== 'psycopg2')
    return 'the scoped helper is written for psycopg2 pools (psycopg_pool and asyncpg have their own scoped form)';
  if (c.receiver.type !== 'identifier' || (c.fn?.locals.has(c.receiver.text) ?? false))
    return `\`${c.receiver.text}\` is not a module-level pool of this file`;
  const made = findPyPoolSites(ctx.facts).some((p) => p.target === c.receiver.text && p.fn === null);
  if (!made) return `\`${c.receiver.text}\` is not made in this module (the helper is written beside the pool)`;
  const name = helperName(c.receiver.text);
  const existing = ctx.facts.functions.find((f) => f.parent === null && f.name === name);
  // An existing function of that name is used only when it is the helper: a context manager taking nothing.
  const parameters = existing?.node.childForFieldName('parameters')?.namedChildren.filter((p) => p !== null) ?? [];
  if (existing && (!existing.decorators.some((d) => /(^|\.)contextmanager$/.test(d)) || parameters.length > 0))
    return `this module already has a \`${name}\` that is not a context manager taking no arguments`;
  return { pool: c.receiver.text };
}

/** `get_db_connection` for a pool called `pool` (the common name), else one named after the pool. */
export function helperName(pool: string): string {
  return pool === 'pool' ? 'get_db_connection' : `get_${pool.replace(/_?pool$/i, '') || pool}_connection`;
}

/**
 * A checkout a class keeps on `self`: reported, never rewritten. A class
 * that subscribes it to notifications keeps it on purpose; one that hands
 * it to its callers leaves the release to them (or to the protocol they
 * follow, when a method of its own gives it back); otherwise another method
 * gives it back (an error in between skips that), or none does.
 */
function keptDecision(k: PyKeptCheckout, ctx: PyContext): Decision<Plan, MessageId> {
  const data = { ...dataOf(k), client: k.holder };
  const use = keptInClass(k, ctx.facts);
  // `__enter__` checks out, `__exit__` gives back: the `with` statement is the finally.
  if (use.onExit) return { kind: 'ok', check: 'released-on-exit', at: spanOf(k.statement) };
  // Handed to callers and given back by another method: a connection provider (a Django database backend's
  // get_new_connection() and _close()), whose callers follow a protocol the tool cannot see.
  if (use.handedOut && use.released) return { kind: 'ok', check: 'provider-class', at: spanOf(k.statement) };
  if (use.handedOut) return reportAt('escapes-return', k.statement, data);
  if (use.subscribed)
    return reportAt('event-subscription', k.statement, {
      ...data,
      detail: `\`${k.holder}\` listens for notifications (\`${quoted(use.subscribed)}\`), so it is meant to stay checked out`,
    });
  return reportAt(use.released ? 'kept-on-instance' : 'kept-unreleased', k.statement, data);
}

/**
 * A module with a `__main__` guard: whether the project imports it (then its
 * module-level checkouts are shared); a module-level checkout its functions
 * never use: whether another module imports it.
 */
export function needs(sites: readonly Site[], ctx: PyContext): FactNeed[] {
  const checkouts = sites.flatMap((s) => (s.checkout ? [s.checkout] : []));
  const topLevelOnly = checkouts.some((c) => !c.fn && usedOnlyAtTopLevel(c.conn, ctx.facts));
  return [
    ...runsOnceNeeds(ctx),
    ...(topLevelOnly ? [importedNamesNeed(ctx)] : []),
    ...dependenciesNeeds(ctx, checkouts),
  ];
}
