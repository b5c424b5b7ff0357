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
import type { Decision, Report } from '../../../src/core/types';
import type { PyDriverProfile } from '../../../src/drivers/python';
import { psycopg2 } from '../../../src/drivers/python/psycopg2';
import { type PyCheckout, type PyRelease, releasesOf } from '../../../src/frontends/python/analysis/checkouts';
import { findPyPoolSites, methodCall } from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';
import { aloneOnLines } from '../../../src/frontends/python/edits';
import type { MessageId, Options } from '../meta';
import type { Site } from './detect';

export interface Plan {
  checkout: PyCheckout;
  final: PyRelease & { statement: Node };
  /** Releases just before an exit of their block, which the finally makes redundant. */
  early: Node[];
  form: 'try-finally' | 'scoped' | 'helper';
}

const HANDOFFS = /^(threading\.Thread|Thread|asyncio\.create_task|asyncio\.ensure_future|create_task|ensure_future)$/;
const HANDOFF_METHODS = new Set(['submit', 'run_in_executor', 'create_task', 'apply_async', 'delay']);
const CONTEXT_MANAGERS = /(^|\.)(async)?contextmanager$/;

function at(node: Node) {
  return { start: node.startIndex, end: node.endIndex };
}

/** The statements of a block, without its comments. */
function statementsOf(block: Node): Node[] {
  return block.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

function dataOf(c: PyCheckout): Record<string, string> {
  const driver: PyDriverProfile = c.driver ?? psycopg2;
  return { client: c.conn, leakEffect: c.driver ? driver.says.leakEffect : 'the pool runs dry' };
}

function report(messageId: MessageId, node: Node, data: Record<string, string>): Decision<Plan, MessageId> {
  const r: Report<MessageId> = { messageId, at: at(node), data };
  return { kind: 'report', report: r };
}

export function gate(site: Site, ctx: PyContext, options: Options): Decision<Plan, MessageId> {
  const c = site.checkout;
  const data = dataOf(c);
  const releases = releasesOf(c, ctx.facts);
  const fnBody = c.fn?.node.childForFieldName('body');
  if (!fnBody) return { kind: 'ok', check: 'module-level', at: at(c.statement) };
  const escape = escapeIn(fnBody, c);
  if (releases.length === 0) {
    if (escape) return report(escape.id, escape.node, { ...data, detail: escape.detail });
    return report('never-released', c.statement, data);
  }
  if (releases.some((r) => inFinallyAfter(r.call, c)))
    return { kind: 'ok', check: 'released-in-finally', at: at(c.statement) };
  if (escape) return report(escape.id, escape.node, { ...data, detail: escape.detail });
  const statements = statementsOf(c.block);
  const index = statements.findIndex((s) => s.id === c.statement.id);
  const finals = releases
    .filter((r): r is PyRelease & { statement: Node } => r.statement !== null && r.statement.parent?.id === c.block.id)
    .filter((r) => statements.findIndex((s) => s.id === r.statement.id) > index);
  const final = finals[finals.length - 1];
  if (!final)
    return report('unsupported', c.statement, {
      ...data,
      detail:
        c.block.parent && ['for_statement', 'while_statement'].includes(c.block.parent.type)
          ? 'it is checked out in a loop and released outside the loop'
          : 'its release is not a statement of the block that checks it out',
    });
  const last = statements.findIndex((s) => s.id === final.statement.id);
  if (last === index + 1) return { kind: 'ok', check: 'nothing-between', at: at(c.statement) };
  const early: Node[] = [];
  for (const r of releases) {
    if (r === final) continue;
    const exit = r.statement ? exitAfter(r.statement) : undefined;
    const inside = r.statement !== null && within(r.statement, statements[index + 1], statements[last - 1]);
    if (!exit || !inside || !r.statement || !aloneOnLines(ctx.text, r.statement))
      return report('double-release', r.call, {
        ...data,
        doubleRelease: 'the connection would go back to the pool twice, or never, depending on the path',
      });
    early.push(r.statement);
  }
  const after = useAfter(statements.slice(last + 1), c.conn);
  if (after) return report('use-after-release', after, data);
  if (!aloneOnLines(ctx.text, c.statement) || !aloneOnLines(ctx.text, final.statement))
    return report('unsupported', c.statement, {
      ...data,
      detail: 'its checkout or release shares a line with other code',
    });
  const plan: Plan = { checkout: c, final, early, form: 'try-finally' };
  if (options.style === 'helper') {
    const helper = helperFor(c, ctx);
    if (typeof helper === 'string') return report('style-unsupported', c.statement, { ...data, detail: helper });
    plan.form = 'helper';
  } else if (c.driver?.scoped && (!c.driver.scoped.commits || commitsLast(statements.slice(index + 1, last), c.conn))) {
    plan.form = 'scoped';
  }
  return { kind: 'fix', plan, report: { messageId: 'leak', at: at(final.statement), data } };
}

/** Is the release in the `finally` of a `try` that comes after the checkout (in its block or around it)? */
function inFinallyAfter(release: Node, c: PyCheckout): boolean {
  for (let n: Node | null = release.parent; n; n = n.parent) {
    if (n.type === 'finally_clause') {
      const tryStatement = n.parent;
      return tryStatement !== null && tryStatement.endIndex > c.statement.endIndex;
    }
    if (n.type === 'function_definition') return false;
  }
  return false;
}

/** The exit statement right after `statement` in its block (`return`, `raise`, `break`, `continue`), if any. */
function exitAfter(statement: Node): Node | undefined {
  const block = statement.parent;
  if (!block) return undefined;
  const siblings = statementsOf(block);
  const next = siblings[siblings.findIndex((s) => s.id === statement.id) + 1];
  return next && ['return_statement', 'raise_statement', 'break_statement', 'continue_statement'].includes(next.type)
    ? next
    : undefined;
}

function within(node: Node, first: Node | undefined, last: Node | undefined): boolean {
  return (
    first !== undefined && last !== undefined && node.startIndex >= first.startIndex && node.endIndex <= last.endIndex
  );
}

/** The first reference to `name` in the statements, unless a plain assignment to it comes first (a new value). */
function useAfter(statements: readonly Node[], name: string): Node | undefined {
  for (const s of statements) {
    const left = s.type === 'expression_statement' ? s.namedChildren[0]?.childForFieldName('left') : undefined;
    const reference = firstReference(s, name);
    if (left?.type === 'identifier' && left.text === name) {
      const right = s.namedChildren[0]?.childForFieldName('right');
      return right ? firstReference(right, name) : undefined;
    }
    if (reference) return reference;
  }
  return undefined;
}

function firstReference(node: Node, name: string): Node | undefined {
  if (node.type === 'identifier' && node.text === name) return node;
  if (node.type === 'function_definition' || node.type === 'class_definition') return undefined;
  for (const child of node.namedChildren) {
    const found = child ? firstReference(child, name) : undefined;
    if (found) return found;
  }
  return undefined;
}

interface Escape {
  id: MessageId;
  node: Node;
  detail: string;
}

/** Where the connection leaves the function's control: returned, yielded, stored, or handed to a thread or task. */
function escapeIn(body: Node, c: PyCheckout): Escape | undefined {
  const generatorHelper = c.fn?.decorators.some((d) => CONTEXT_MANAGERS.test(d)) ?? false;
  let found: Escape | undefined;
  const visit = (node: Node): void => {
    if (found || node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition')
      return;
    // Nothing that ends before the checkout can involve this connection.
    if (node.endIndex <= c.statement.endIndex) return;
    const value = node.namedChildren[0];
    if (node.type === 'return_statement' && mentions(value, c.conn))
      found = { id: 'escapes-return', node, detail: 'returned' };
    else if (node.type === 'yield' && mentions(value, c.conn) && !generatorHelper)
      found = {
        id: 'escapes-yield',
        node,
        detail: c.fn?.decorators.length
          ? `the generator is decorated with @${c.fn.decorators[0]}`
          : 'a plain generator',
      };
    else if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left && left.type !== 'identifier' && right && mentions(right, c.conn) && isBare(right, c.conn))
        found = { id: 'escapes-store', node, detail: `stored in \`${left.text}\`` };
    } else if (node.type === 'call' && handsOff(node, c.conn))
      found = { id: 'escapes-callback', node, detail: 'handed to another thread or task' };
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(body);
  return found;
}

/** The expression is the connection itself (or a tuple holding it), not something made from it. */
function isBare(expr: Node, name: string): boolean {
  if (expr.type === 'identifier') return expr.text === name;
  if (['tuple', 'list', 'expression_list'].includes(expr.type))
    return expr.namedChildren.some((c) => c !== null && isBare(c, name));
  return false;
}

function mentions(node: Node | null | undefined, name: string): boolean {
  return node !== null && node !== undefined && isBare(node, name);
}

function handsOff(call: Node, name: string): boolean {
  const callee = call.childForFieldName('function');
  const method = methodCall(call)?.method;
  const named = callee ? HANDOFFS.test(callee.text) : false;
  if (!named && !(method && HANDOFF_METHODS.has(method))) return false;
  return firstReference(call, name) !== undefined;
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
  return made
    ? { pool: c.receiver.text }
    : `\`${c.receiver.text}\` is not made in this module (the helper is written beside the pool)`;
}
