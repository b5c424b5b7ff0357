/**
 * The Python gate: for each held section (`with pool.connection() as conn:`,
 * `async with pool.acquire() as conn:`, or a checkout given back in a
 * `finally`), find what its statements wait on besides the database, and
 * decide one step per pass:
 * - I/O before the first use of the connection moves before the checkout;
 * - otherwise, in a scoped section, the section is split around the first
 *   I/O statement: what used the connection before it stays, the I/O runs
 *   with the connection given back, and what uses it after checks out again
 *   under the same header (a `process_user` that calls an API between two queries).
 * A split never happens inside a transaction: a `conn.transaction()` block,
 * a BEGIN with no COMMIT before the call, or, with psycopg (whose statements
 * run in a transaction until a commit), work before the call that neither
 * only reads nor ends with `conn.commit()`. Nor across session state.
 */
import type { Node } from 'web-tree-sitter';
import { type Decision, type Report, reportAll } from '../../../src/core/types';
import { methodCall } from '../../../src/frontends/python/analysis/driver-use';
import { type Work, ioClients, workIn } from '../../../src/frontends/python/analysis/work';
import { sqlText } from '../../../src/frontends/python/analysis/literals';
import type { PyContext } from '../../../src/frontends/python/context';
import { type PyFacts, withItems } from '../../../src/frontends/python/facts';
import type { MessageId, Options } from '../meta';
import { type Site, connectionTakesPoolName, poolRoot } from './detect';
import { nestedAcquires, nestedNeeds } from './nested';
import type { FactNeed } from '../../../src/core/facts';
import { importedPoolDriver, importedPoolName } from '../../../src/frontends/python/scan/imported-pools';
import { PY_POOLS } from '../../../src/frontends/python/scan/pools';
import { boundNames, firstMethodCall, subscription, within } from '../../../src/frontends/python/analysis/sections';
import { spanOf } from '../../../src/frontends/python/decisions';

export type Plan =
  /** Statements before the first use of the connection (through `through`) move before the checkout. */
  | { kind: 'move'; site: Site; through: Node }
  /** The section ends before `io`; from `resume` on, the statements check out again under the same header. */
  | { kind: 'split'; site: Site; io: Node; resume: Node | null };

/** SQL that leaves session state later statements need, or opens a transaction. */
const SESSION_SQL = /^\s*(set\s+(?!local\b)|create\s+(temp|temporary)\s|listen\b|prepare\s)/i;
const BEGIN_SQL = /^\s*(begin|start\s+transaction)\b/i;
const END_SQL = /^\s*(commit|rollback|end)\b/i;
const READ_SQL = /^\s*(select|show|with|explain|values)\b/i;
const WRITE_WORDS = /\b(insert|update|delete|merge|create|alter|drop|truncate|grant|copy|call)\b/i;

/**
 * The project scan: the pools other modules make, for a checkout on one of
 * them in a file that does not name the library; the functions a section
 * calls that check out of its pool.
 */
export function needs(sites: readonly Site[], ctx: PyContext): FactNeed[] {
  const imported = sites.some((s) => !s.driver && importedPoolName(s.receiver, s.fn, ctx));
  return [...(imported ? [{ fact: PY_POOLS }] : []), ...nestedNeeds(sites, ctx)];
}

/**
 * The site with its pool's library read from the project's pools when the
 * file does not say it; undefined for a scoped checkout whose receiver is no
 * pool of that library entered that way (a lock's `acquire()` is scoped too).
 */
function withDriver(site: Site, ctx: PyContext): Site | undefined {
  if (site.driver) return site;
  const driver = importedPoolDriver(site.receiver, site.fn, ctx);
  const entered = site.imported;
  if (!entered) return driver ? { ...site, driver } : site;
  const fits = driver?.scoped?.method === entered.method && driver.pools.some((p) => p.async === entered.async);
  return fits ? { ...site, driver } : undefined;
}

export function gate(found: Site, ctx: PyContext, options: Options): Decision<Plan, MessageId> {
  const site = withDriver(found, ctx);
  if (!site) return { kind: 'ok', check: 'not-a-known-pool', at: spanOf(found.statement) };
  const statements = site.statements;
  const names = connectionNames(site, ctx);
  // A connection that listens is held to hear notifications: waiting with it is what it is for.
  if (subscription(statements, names, site.driver, ctx.facts, site.fn))
    return { kind: 'ok', check: 'listening', at: spanOf(site.statement) };
  const work = {
    facts: ctx.facts,
    fn: site.fn,
    clients: ioClients(ctx.facts),
    extra: options.ioCallees ?? [],
    quick: options.quickCallees ?? [],
  };
  const data = { client: site.conn };
  const others: Report<MessageId>[] = [];
  const nestedCalls = nestedAcquires(site, ctx, names);
  let firstUse = -1;
  for (const [i, statement] of statements.entries()) {
    const uses = mentions(statement, names);
    const again = poolUseIn(statement, site);
    const nestedHere = nestedCalls.filter((n) => within(n.call, statement, statement));
    // A second connection from the same pool, taken here or by a function called here: not I/O to move.
    if (again || nestedHere.length > 0) {
      const what = `\`${again?.childForFieldName('function')?.text ?? site.pool}()\``;
      const reports: Report<MessageId>[] = [
        ...(again ? [{ messageId: 'pool-used-while-held' as const, at: spanOf(again), data: { ...data, what } }] : []),
        ...nestedHere.map((n) => ({
          messageId: 'nested-acquire' as const,
          at: spanOf(n.call),
          data: { ...data, what: n.what },
        })),
      ];
      others.push(...reports.sort((a, b) => a.at.start - b.at.start));
      if (uses && firstUse < 0) firstUse = i;
      continue;
    }
    const waits = workIn(statement, work, names);
    if (waits && (waits.kind === 'io' || waits.kind === 'timer')) {
      const waitData = { ...data, what: waits.what };
      if (uses && inTransactionBlock(waits.node, statement, names, site))
        return { kind: 'report', report: { messageId: 'io-in-transaction', at: spanOf(waits.node), data: waitData } };
      if (uses) return nested(site, waits, waitData, sameStatement(statement));
      if (site.kind === 'open')
        return {
          kind: 'report',
          report: { messageId: 'held-during-io-no-finally', at: spanOf(waits.node), data: waitData },
        };
      if (firstUse < 0) {
        // Nothing before it needs the connection: everything up to it can run before the checkout.
        if (!laterUses(statements, i, names) && site.kind === 'scoped') continue;
        return fixed({ kind: 'move', site, through: statement }, waits, waitData, others);
      }
      if (site.kind !== 'scoped')
        return cannotSplit(
          waits,
          waitData,
          site.driver?.scoped
            ? `the checkout is given back by hand; \`${site.driver.scoped.async ? 'async ' : ''}with pool.${site.driver.scoped.method}()\` is a form the tool splits`
            : site.driver
              ? `the checkout is given back by hand, and ${site.driver.label} has no scoped form the tool could split`
              : 'the checkout is given back by hand, and the tool cannot tell which library the pool is from',
          others,
        );
      const before = statements.slice(0, i);
      const refusal = splitRefusal(before, names, site, ctx.facts);
      if (refusal)
        return { kind: 'report', report: { messageId: refusal, at: spanOf(waits.node), data: waitData }, also: others };
      const resume = statements.slice(i + 1).find((s) => mentions(s, names)) ?? null;
      const rebound = resume ? reboundPoolName(site, statements.slice(0, statements.indexOf(resume))) : undefined;
      if (rebound)
        return cannotSplit(
          waits,
          waitData,
          `the section rebinds \`${rebound}\`, the name its pool is read through, so checking out again under the same header would ask that value for a connection, not the pool; give the connection another name`,
          others,
        );
      return fixed({ kind: 'split', site, io: statement, resume }, waits, waitData, others);
    }
    if (waits && waits.kind === 'thread')
      others.push({
        messageId: 'thread-pool-work',
        at: spanOf(waits.node),
        data: { ...data, what: waits.what, runsOn: 'another thread or the CPU' },
      });
    else if (waits && waits.kind === 'unknown')
      others.push({ messageId: 'unknown-wait', at: spanOf(waits.node), data: { ...data, what: waits.what } });
    if (uses && firstUse < 0) firstUse = i;
  }
  if (others.length > 0) return reportAll(others);
  return { kind: 'ok', check: 'no-io-while-held', at: spanOf(site.statement) };
}

/** The section waits on I/O it cannot be split around, and why (`detail`). */
function cannotSplit(
  waits: Work,
  data: Record<string, string>,
  detail: string,
  also: Report<MessageId>[],
): Decision<Plan, MessageId> {
  return {
    kind: 'report',
    report: { messageId: 'io-needs-split', at: spanOf(waits.node), data: { ...data, detail } },
    also,
  };
}

function fixed(
  plan: Plan,
  waits: Work,
  data: Record<string, string>,
  also: Report<MessageId>[],
): Decision<Plan, MessageId> {
  return { kind: 'fix', plan, report: { messageId: 'held-during-io', at: spanOf(waits.node), data }, also };
}

function nested(site: Site, waits: Work, data: Record<string, string>, detail: string): Decision<Plan, MessageId> {
  const messageId = site.kind === 'open' ? 'held-during-io-no-finally' : 'io-needs-split';
  return { kind: 'report', report: { messageId, at: spanOf(waits.node), data: { ...data, detail } } };
}

/** Is `node` inside a `with conn.transaction():` block (sync or async) of `statement`? */
function inTransactionBlock(node: Node, statement: Node, names: ReadonlySet<string>, site: Site): boolean {
  const method = site.driver?.transactionMethod;
  if (!method) return false;
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'with_statement' && withItems(n).some((item) => opensTransaction(item.value, names, method)))
      return true;
    if (n.id === statement.id) return false;
  }
  return false;
}

function opensTransaction(value: Node, names: ReadonlySet<string>, method: string): boolean {
  const call = value.type === 'call' ? methodCall(value) : undefined;
  return (
    call !== undefined && call.method === method && call.receiver.type === 'identifier' && names.has(call.receiver.text)
  );
}

/**
 * The name the header reads its pool through (`pool` in `pool.acquire()`,
 * `db` in `db.pool.acquire()`), when the section binds it anew before the
 * point it would check out again: `async with pool.acquire() as pool:`, or an
 * assignment to it. Undefined when the header still names the pool there.
 */
function reboundPoolName(site: Site, before: readonly Node[]): string | undefined {
  const name = poolRoot(site);
  if (name === undefined || connectionTakesPoolName(site)) return name;
  const binds = (node: Node): boolean =>
    node.type !== 'function_definition' &&
    node.type !== 'lambda' &&
    ((node.type === 'assignment' && node.childForFieldName('left')?.text === name) ||
      (node.type === 'as_pattern_target' && node.text === name) ||
      node.namedChildren.some((c) => c !== null && binds(c)));
  return before.some(binds) ? name : undefined;
}

/** Does any statement after `i` use the connection? (If none does, the I/O is not really held: the section just ends late.) */
function laterUses(statements: readonly Node[], i: number, names: ReadonlySet<string>): boolean {
  return statements.slice(i + 1).some((s) => mentions(s, names));
}

/** The connection and what is bound to it in the section (see boundNames). */
function connectionNames(site: Site, ctx: PyContext): Set<string> {
  return boundNames(site.conn, site.range, site.driver, ctx.facts);
}

/**
 * A call in the statement that takes another connection from the section's
 * own pool: a query the pool runs on any free connection (asyncpg's
 * `pool.fetchrow(...)`) or a second checkout.
 */
function poolUseIn(statement: Node, site: Site): Node | undefined {
  const driver = site.driver;
  if (!driver || connectionTakesPoolName(site)) return undefined;
  const methods = [
    ...driver.poolQueryMethods,
    driver.checkout.method,
    ...(driver.scoped ? [driver.scoped.method] : []),
  ];
  return firstMethodCall(statement, (call) => call.receiver.text === site.pool && methods.includes(call.method));
}

function mentions(node: Node, names: ReadonlySet<string>): boolean {
  if (node.type === 'identifier') return names.has(node.text);
  return node.namedChildren.some((c) => c !== null && mentions(c, names));
}

/** Why the section cannot end before the I/O: a transaction or session state the statements after it need. */
function splitRefusal(
  before: readonly Node[],
  names: ReadonlySet<string>,
  site: Site,
  facts: PyFacts,
): MessageId | undefined {
  const sql: string[] = [];
  let transaction = false;
  let lastCall: string | undefined;
  let dynamic = false;
  const visit = (node: Node): void => {
    if (node.type === 'function_definition' || node.type === 'lambda') return;
    if (node.type === 'call') {
      const call = methodCall(node);
      if (call && call.receiver.type === 'identifier' && names.has(call.receiver.text)) {
        lastCall = call.method;
        if (call.method === site.driver?.transactionMethod) transaction = true;
        if (site.driver?.queryMethods.includes(call.method)) {
          const first = node
            .childForFieldName('arguments')
            ?.namedChildren.find((a) => a !== null && a.type !== 'comment');
          const text = first ? sqlText(first, facts) : undefined;
          if (text === undefined) dynamic = true;
          else sql.push(text);
        }
      }
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  for (const s of before) visit(s);
  if (transaction) return 'io-in-transaction';
  let open = false;
  for (const q of sql) {
    if (BEGIN_SQL.test(q)) open = true;
    if (END_SQL.test(q)) open = false;
    if (SESSION_SQL.test(q)) return 'io-with-session-state';
  }
  if (open) return 'io-in-transaction';
  if (dynamic) return 'dynamic-sql';
  // psycopg runs statements in a transaction until a commit: ending the section early would commit (or roll back) it apart from what follows.
  if (site.driver?.implicitTransactions) {
    const readsOnly = sql.every((q) => READ_SQL.test(q) && !WRITE_WORDS.test(q));
    if (!readsOnly && lastCall !== site.driver.commit) return 'io-in-transaction';
  }
  return undefined;
}

/**
 * Why the call and the work on the connection cannot be parted: one
 * statement holds both. When it is a block (`async with session.get(...)`
 * around the write), the report says which, since the call and the work
 * may be lines apart.
 */
function sameStatement(statement: Node): string {
  const keyword = /^(async\s+)?(with|for|while|if|try)\b/.exec(statement.text)?.[0];
  return keyword
    ? `it is in the same statement as work on the connection: the \`${keyword.replace(/\s+/, ' ')}\` block holding both`
    : 'it is in the same statement as work on the connection';
}
