/**
 * A connection's section in Python: the statements between where it is
 * obtained (a checkout, a connect) and where it is given back (a release, a
 * close), and what keeps it from being given back in one place: a path that
 * returns, stores, yields or hands the connection off, and uses after it was
 * given back. Used by release-in-finally and client-to-pool.
 */
import type { Node } from 'web-tree-sitter';
import { PY_DRIVERS, type PyDriverProfile } from '../../../drivers/python';
import { SQL_LISTEN } from '../../../drivers/sql';
import type { PyFacts, PyFunction } from '../facts';
import { methodCall } from './driver-use';
import { sqlText } from './literals';

const HANDOFFS = /^(threading\.Thread|Thread|asyncio\.create_task|asyncio\.ensure_future|create_task|ensure_future)$/;
const HANDOFF_METHODS = new Set(['submit', 'run_in_executor', 'create_task', 'apply_async', 'delay']);
/** Container methods that keep an argument: lists, sets, deques, queues, dicts. */
const KEEPS = new Set(['append', 'appendleft', 'add', 'insert', 'put', 'put_nowait', 'setdefault']);
const CONTEXT_MANAGERS = /(^|\.)(async)?contextmanager$/;

/** The statements of a block, without its comments. */
export function statementsOf(block: Node): Node[] {
  return block.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

/** Is `node` in the `finally` of a `try` that ends after `statement` (so it runs on every path from there)? */
export function inFinallyAfter(node: Node, statement: Node): boolean {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (n.type === 'finally_clause') return n.parent !== null && n.parent.endIndex > statement.endIndex;
    if (n.type === 'function_definition') return false;
  }
  return false;
}

/** The exit statement right after `statement` in its block (`return`, `raise`, `break`, `continue`), if any. */
export function exitAfter(statement: Node): Node | undefined {
  const block = statement.parent;
  if (!block) return undefined;
  const siblings = statementsOf(block);
  const next = siblings[siblings.findIndex((s) => s.id === statement.id) + 1];
  return next && ['return_statement', 'raise_statement', 'break_statement', 'continue_statement'].includes(next.type)
    ? next
    : undefined;
}

export function within(node: Node, first: Node | undefined, last: Node | undefined): boolean {
  return (
    first !== undefined && last !== undefined && node.startIndex >= first.startIndex && node.endIndex <= last.endIndex
  );
}

/** The first reference to `name` in the statements, unless a plain assignment to it comes first (a new value). */
export function useAfter(statements: readonly Node[], name: string): Node | undefined {
  for (const s of statements) {
    const assignment = s.type === 'expression_statement' ? s.namedChildren[0] : undefined;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    if (left?.type === 'identifier' && left.text === name) {
      const right = assignment?.childForFieldName('right');
      return right ? firstReference(right, name) : undefined;
    }
    const reference = firstReference(s, name);
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

export interface Escape {
  /** `argument`: returned inside what a call made from it (`return Repo(conn)`), which may keep it. */
  kind: 'return' | 'yield' | 'store' | 'handoff' | 'argument';
  node: Node;
  detail: string;
}

/**
 * Where the connection leaves the function's control after `from`:
 * returned, yielded by a generator that is not a context manager, stored
 * on something longer-lived, or handed to a thread or task. `managed`: the
 * generator is driven as a context manager without saying so (a FastAPI
 * dependency).
 */
export function escapeOf(conn: string, fn: PyFunction, from: Node, managed = false): Escape | undefined {
  const body = fn.node.childForFieldName('body');
  if (!body) return undefined;
  const contextManager = managed || fn.decorators.some((d) => CONTEXT_MANAGERS.test(d));
  let found: Escape | undefined;
  // Locals assigned something that holds the connection (`holder = {"conn": conn}`), by name: how they hold it.
  const holders = new Map<string, string>();
  const visit = (node: Node): void => {
    if (found || ['function_definition', 'lambda', 'class_definition'].includes(node.type)) return;
    // Nothing that ends before the connection exists can involve it.
    if (node.endIndex <= from.endIndex) return;
    const value = node.namedChildren[0];
    const carried = node.type === 'return_statement' && value ? carriedOut(value, conn, node, holders) : undefined;
    if (carried) found = { ...carried, node };
    else if (node.type === 'yield' && value && isBare(value, conn) && !contextManager)
      found = {
        kind: 'yield',
        node,
        detail: fn.decorators.length
          ? `the generator is decorated with @${fn.decorators[0]}`
          : "a plain generator: no @contextmanager, and nothing shows the project uses it only through FastAPI's Depends(...)",
      };
    else if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      // Kept past the call: an attribute, a subscript, or a name the function declares global.
      const outside = left !== null && (left.type !== 'identifier' || !fn.locals.has(left.text));
      const through = right ? keptThrough(right, conn) : undefined;
      if (outside && right && isBare(right, conn))
        found = { kind: 'store', node, detail: `stored in \`${left.text}\`` };
      else if (outside && through)
        found = { kind: 'store', node, detail: `stored in \`${left.text}\` (through \`${through}(...)\`)` };
      // A local that holds the connection: a container, or an object of a class made around it. A function's
      // result (`df = pd.read_sql(sql, conn)`) is what it read, not the connection.
      else if (!outside && left?.type === 'identifier' && right && (holds(right, conn) || isClassName(through)))
        holders.set(left.text, right.text);
    } else if (node.type === 'call' && handsOff(node, conn))
      found = { kind: 'handoff', node, detail: 'handed to another thread or task' };
    else if (node.type === 'call') {
      const holder = storedBy(node, conn);
      if (holder) found = { kind: 'store', node, detail: `stored in \`${holder}\`` };
    }
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

/**
 * A container's method that keeps what it is given: `self.listeners.append(conn)`
 * (a LISTEN connection kept for the process's life), `queue.put(conn)`. The
 * container, as written, when `conn` itself is one of the arguments.
 */
function storedBy(call: Node, name: string): string | undefined {
  const method = methodCall(call);
  if (!method || !KEEPS.has(method.method)) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  return args.some((a) => a !== null && isBare(a, name)) ? method.receiver.text : undefined;
}

/**
 * An object made from the connection (`AsyncPostgresSaver(conn)`, awaited or
 * not): what it is made by, when `conn` itself is one of the arguments. Kept
 * past the function, the object keeps the connection.
 */
function keptThrough(expr: Node, name: string): string | undefined {
  const call = expr.type === 'await' ? expr.namedChildren[0] : expr;
  if (call?.type !== 'call') return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  return args.some((a) => a !== null && isBare(a, name)) ? call.childForFieldName('function')?.text : undefined;
}

/**
 * How a returned value carries the connection out of the function: the connection itself (alone, or in a
 * tuple, list, dict or set); an object of a class (a CapWords name, by PEP 8)
 * made around it, which keeps it (`return Repo(conn)`); a local one of those
 * was put in; or a function's result made from it (`return make_repo(conn)`),
 * which may keep it, unless a `finally` around the return gives the
 * connection back (`return fetch_count(conn)` in a try that closes it).
 */
function carriedOut(
  value: Node,
  conn: string,
  at: Node,
  holders: ReadonlyMap<string, string>,
): Omit<Escape, 'node'> | undefined {
  if (holds(value, conn)) return { kind: 'return', detail: 'returned to the caller' };
  const held = value.type === 'identifier' ? holders.get(value.text) : undefined;
  if (held) return { kind: 'return', detail: `returned to the caller inside \`${value.text}\` (\`${held}\`)` };
  const made = keptThrough(value, conn);
  if (!made) return undefined;
  const detail = `returned to the caller inside what \`${made}(...)\` makes of it`;
  if (isClassName(made)) return { kind: 'argument', detail };
  return givenBackInFinally(at, conn) ? undefined : { kind: 'argument', detail };
}

/** `Repo`, `repos.Repo`: a class, by PEP 8's CapWords, whose object keeps what it is made from. */
function isClassName(callee: string | undefined): boolean {
  return callee !== undefined && /^[A-Z]/.test(callee.split('.').pop() ?? '');
}

/** The connection alone, or an item of a tuple, list or set, or a value of a dict. */
function holds(expr: Node, name: string): boolean {
  if (isBare(expr, name)) return true;
  if (expr.type === 'set') return expr.namedChildren.some((c) => c !== null && isBare(c, name));
  if (expr.type !== 'dictionary') return false;
  return expr.namedChildren.some((pair) => {
    const value = pair?.type === 'pair' ? pair.childForFieldName('value') : null;
    return value !== null && value !== undefined && isBare(value, name);
  });
}

/** `at` is in the body of a try whose `finally` names the connection (`conn.close()`, `pool.putconn(conn)`). */
function givenBackInFinally(at: Node, conn: string): boolean {
  const named = new RegExp(`(?<![\\w.])${conn}\\b`);
  for (let node: Node | null = at; node?.parent; node = node.parent) {
    if (node.type === 'function_definition') return false;
    const parent = node.parent;
    if (parent.type !== 'try_statement' || node.type === 'finally_clause') continue;
    const final = parent.namedChildren.find((c) => c?.type === 'finally_clause');
    if (final && named.test(final.text)) return true;
  }
  return false;
}

/**
 * A call that runs what it is given somewhere else (a thread, a task, an
 * executor, a job queue) while its caller goes on: `asyncio.create_task(...)`,
 * `executor.submit(...)`.
 */
export function runsElsewhere(call: Node): boolean {
  const callee = call.childForFieldName('function');
  const method = methodCall(call)?.method;
  return (callee ? HANDOFFS.test(callee.text) : false) || (method !== undefined && HANDOFF_METHODS.has(method));
}

function handsOff(call: Node, name: string): boolean {
  return runsElsewhere(call) && firstReference(call, name) !== undefined;
}

/** The first method call in the node (not in a function nested in it) that `test` accepts. */
export function firstMethodCall(
  node: Node,
  test: (call: { receiver: Node; method: string }, node: Node) => boolean,
): Node | undefined {
  if (node.type === 'function_definition' || node.type === 'lambda') return undefined;
  const call = node.type === 'call' ? methodCall(node) : undefined;
  if (call && test(call, node)) return node;
  for (const child of node.namedChildren) {
    const found = child ? firstMethodCall(child, test) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * Where the statements subscribe the connection (any of `names`) to
 * notifications: a listener method of its library (asyncpg's
 * `add_listener`), or a `LISTEN` statement. A connection that listens is
 * held to hear them: neither idle while it waits nor leaked when it is kept.
 */
export function subscription(
  statements: readonly Node[],
  names: ReadonlySet<string>,
  driver: PyDriverProfile | undefined,
  facts: PyFacts,
  fn: PyFunction | null,
): Node | undefined {
  const methods = driver?.listenMethods ?? [];
  const subscribes = (call: { receiver: Node; method: string }, node: Node) => {
    if (!names.has(call.receiver.text)) return false;
    const sql = node.childForFieldName('arguments')?.namedChildren[0];
    return methods.includes(call.method) || (!!sql && SQL_LISTEN.test(sqlText(sql, facts, fn) ?? ''));
  };
  for (const statement of statements) {
    const found = firstMethodCall(statement, subscribes);
    if (found) return found;
  }
  return undefined;
}

/**
 * The connection and what is bound to it between `range`'s ends (its
 * cursors, transactions, prepared statements: `cur = conn.cursor()`, `with
 * conn.cursor() as cur`): a call on one of these works on the connection.
 * Rows a query returned are plain values.
 */
export function boundNames(
  conn: string,
  range: { start: number; end: number },
  driver: PyDriverProfile | undefined,
  facts: PyFacts,
): Set<string> {
  const names = new Set([conn]);
  const bound = new Set(driver ? driver.boundMethods : PY_DRIVERS.flatMap((d) => d.boundMethods));
  const inside = (node: Node) => node.startIndex >= range.start && node.endIndex <= range.end;
  for (const { node } of facts.assignments) {
    if (!inside(node)) continue;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const value = right?.type === 'await' ? right.namedChildren[0] : right;
    const call = value?.type === 'call' ? methodCall(value) : undefined;
    if (left?.type === 'identifier' && call && names.has(call.receiver.text) && bound.has(call.method))
      names.add(left.text);
  }
  for (const { node } of facts.withs) {
    if (!inside(node)) continue;
    for (const item of node.namedChildren.find((c) => c?.type === 'with_clause')?.namedChildren ?? []) {
      const value = item?.childForFieldName('value');
      const call = value?.type === 'as_pattern' ? value.namedChildren[0] : undefined;
      const alias = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.namedChildren[0] : undefined;
      const method = call?.type === 'call' ? methodCall(call) : undefined;
      if (method && names.has(method.receiver.text) && alias?.type === 'identifier') names.add(alias.text);
    }
  }
  return names;
}
