/**
 * Checked-out connections in Python: `conn = pool.getconn()` (psycopg2,
 * psycopg_pool) and `conn = await pool.acquire()` (asyncpg), the calls that
 * put them back (`pool.putconn(conn)`, `await pool.release(conn)`), and the
 * scoped forms that release by themselves (`with pool.connection() as conn`,
 * `async with pool.acquire() as conn`). A receiver counts as a pool when the
 * library it belongs to has that checkout, or, for the generic `acquire`,
 * when the same function gives the connection back with `release(conn)`
 * on the same receiver: a lock's `await lock.acquire()` is not a checkout.
 * Used by release-in-finally, split-io and client-to-pool.
 */
import type { Node } from 'web-tree-sitter';
import { PY_DRIVERS, type PyDriverProfile } from '../../../drivers/python';
import type { PyFacts, PyFunction } from '../facts';
import { withItems } from '../facts';
import { type PyPoolSite, driverOfReceiver, findPyPoolSites, methodCall } from './driver-use';
import { boundNames, subscription } from './sections';

export interface PyCheckout {
  /** The checkout call (`pool.getconn()`). */
  call: Node;
  /** The statement `conn = pool.getconn()`. */
  statement: Node;
  /** The block (or module) that holds the statement. */
  block: Node;
  conn: string;
  receiver: Node;
  driver: PyDriverProfile | undefined;
  fn: PyFunction | null;
  /** `await pool.acquire()`: the release is awaited too. */
  awaited: boolean;
  method: string;
}

export interface PyRelease {
  call: Node;
  /** The statement it is, when it is one on its own (`pool.putconn(conn)`, `await pool.release(conn)`). */
  statement: Node | null;
  /** It discards the connection (`close=True`). */
  discards: boolean;
}

/** A scoped checkout: `with pool.connection() as conn:` or `async with pool.acquire() as conn:`. */
export interface PyScopedCheckout {
  statement: Node;
  conn: string;
  receiver: Node;
  driver: PyDriverProfile | undefined;
  fn: PyFunction | null;
  body: Node;
}

const CHECKOUT_METHODS = new Set(PY_DRIVERS.map((d) => d.checkout.method));
const RELEASE_METHODS = new Set(PY_DRIVERS.map((d) => d.release.method));

export function findPyCheckouts(facts: PyFacts, pools: readonly PyPoolSite[] = findPyPoolSites(facts)): PyCheckout[] {
  const found: PyCheckout[] = [];
  for (const { checkout, target } of assignedCheckouts(facts, pools))
    if (target.type === 'identifier' && isCheckout(checkout, facts)) found.push(checkout);
  return found;
}

/** `self.conn = pool.getconn()` in a method: a checkout a class keeps for its other methods. */
export interface PyKeptCheckout extends PyCheckout {
  /** `self.conn`, as written. */
  holder: string;
  fn: PyFunction;
  cls: Node;
}

/** The checkouts methods store on `self`, of a library the file names (or psycopg2's `getconn`). */
export function findPyKeptCheckouts(
  facts: PyFacts,
  pools: readonly PyPoolSite[] = findPyPoolSites(facts),
): PyKeptCheckout[] {
  const found: PyKeptCheckout[] = [];
  for (const { checkout, target } of assignedCheckouts(facts, pools)) {
    const fn = checkout.fn;
    const definition = fn?.node.parent?.type === 'decorated_definition' ? fn.node.parent : fn?.node;
    const cls = definition?.parent?.parent;
    if (target.type !== 'attribute' || target.childForFieldName('object')?.text !== 'self') continue;
    if (!fn || cls?.type !== 'class_definition') continue;
    const known = checkout.driver ? isCheckout(checkout, facts) : checkout.method === 'getconn' && !checkout.awaited;
    if (known) found.push({ ...checkout, holder: target.text, fn, cls });
  }
  return found;
}

/** Every `target = [await] receiver.<checkout method>()` statement, with its target. */
function assignedCheckouts(facts: PyFacts, pools: readonly PyPoolSite[]): { checkout: PyCheckout; target: Node }[] {
  const found: { checkout: PyCheckout; target: Node }[] = [];
  for (const { node, fn } of facts.calls) {
    const call = methodCall(node);
    if (!call || !CHECKOUT_METHODS.has(call.method)) continue;
    const awaited = node.parent?.type === 'await';
    const expression = awaited ? node.parent : node;
    const assignment = expression?.parent;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== expression?.id) continue;
    const target = assignment.childForFieldName('left');
    const statement = assignment.parent;
    if (!target || statement?.type !== 'expression_statement' || !statement.parent) continue;
    const checkout: PyCheckout = {
      call: node,
      statement,
      block: statement.parent,
      conn: target.text,
      receiver: call.receiver,
      driver: driverOfReceiver(call.receiver, fn, facts, pools),
      fn,
      awaited,
      method: call.method,
    };
    found.push({ checkout, target });
  }
  return found;
}

/**
 * Does the library (as far as the file says) check connections out this
 * way? An awaited checkout of a library whose blocking pool's is not
 * awaited is its asyncio pool's (psycopg_pool's `await pool.getconn()`):
 * awaiting the blocking one's would not run. `acquire` with no known
 * library counts only when the same function hands the connection back to
 * the same receiver with `release(conn)`.
 */
function isCheckout(c: PyCheckout, facts: PyFacts): boolean {
  if (c.driver)
    return (
      c.driver.checkout.method === c.method &&
      (c.driver.checkout.awaited === c.awaited || (c.awaited && hasPoolOfKind(c.driver, true)))
    );
  if (c.method === 'getconn') return !c.awaited;
  return c.awaited && releasesOf(c, facts).length > 0;
}

/** Every call in the checkout's function that gives `conn` back to the same receiver. */
export function releasesOf(c: PyCheckout, facts: PyFacts): PyRelease[] {
  const releases: PyRelease[] = [];
  const method = c.driver?.release.method;
  for (const { node, fn } of facts.calls) {
    if (fn !== c.fn) continue;
    const call = methodCall(node);
    if (!call || (method ? call.method !== method : !RELEASE_METHODS.has(call.method))) continue;
    if (call.receiver.text !== c.receiver.text) continue;
    const args = node.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null) ?? [];
    const first = args.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
    const named = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'conn');
    const target = first ?? named?.childForFieldName('value');
    if (target?.type !== 'identifier' || target.text !== c.conn) continue;
    const discardKey = c.driver?.release.discardKeyword ?? 'close';
    const discards = args.some(
      (a) =>
        a.type === 'keyword_argument' &&
        a.childForFieldName('name')?.text === discardKey &&
        a.childForFieldName('value')?.text !== 'False',
    );
    const expression = node.parent?.type === 'await' ? node.parent : node;
    const statement = expression.parent?.type === 'expression_statement' ? expression.parent : null;
    releases.push({ call: node, statement, discards });
  }
  return releases;
}

/**
 * The library has a pool its scoped form is entered on this way: `async with`
 * on an asyncio pool (psycopg_pool's AsyncConnectionPool, asyncpg's), `with`
 * on a blocking one. Code that entered it the other way would not run.
 */
function hasPoolOfKind(driver: PyDriverProfile, async: boolean): boolean {
  return driver.pools.some((p) => p.async === async);
}

/** `with pool.connection() as conn:` / `async with pool.acquire() as conn:` held sections. */
export function findPyScopedCheckouts(
  facts: PyFacts,
  pools: readonly PyPoolSite[] = findPyPoolSites(facts),
): PyScopedCheckout[] {
  const found: PyScopedCheckout[] = [];
  for (const { node, fn } of facts.withs) {
    const isAsync = node.children.some((c) => c?.type === 'async');
    const items = withItems(node);
    if (items.length !== 1) continue;
    const [{ value, alias }] = items;
    if (value.type !== 'call' || alias?.type !== 'identifier') continue;
    const call = methodCall(value);
    if (!call) continue;
    const driver = driverOfReceiver(call.receiver, fn, facts, pools);
    const scoped = driver?.scoped;
    if (!scoped || scoped.method !== call.method || !hasPoolOfKind(driver, isAsync)) continue;
    const body = node.childForFieldName('body');
    if (!body) continue;
    found.push({ statement: node, conn: alias.text, receiver: call.receiver, driver, fn, body });
  }
  return found;
}

/**
 * What the class does with a checkout it keeps on `self`: whether a method
 * gives it back (`pool.putconn(self.conn)`, `self.conn.close()`), and
 * whether that is a context manager's `__exit__`, where one
 * subscribes it to notifications, and whether one hands it to callers
 * (`return self.conn`), who are then the code that gives it back.
 */
export function keptInClass(
  k: PyKeptCheckout,
  facts: PyFacts,
): { released: boolean; onExit: boolean; subscribed: Node | undefined; handedOut: boolean } {
  const inClass = (node: Node) => node.startIndex >= k.cls.startIndex && node.endIndex <= k.cls.endIndex;
  // Without a known library, any library's release and connection close (the driver profiles say which).
  const releases = new Set(k.driver ? [k.driver.release.method] : RELEASE_METHODS);
  const closes = new Set(k.driver ? k.driver.connect.close : PY_DRIVERS.flatMap((d) => d.connect.close));
  let released = false;
  let onExit = false;
  // The exit methods, and the methods of the class they call (`def __exit__(self, *exc): self.close()`).
  const exits = new Set(['__exit__', '__aexit__']);
  for (const { node, fn } of facts.calls) {
    const call = inClass(node) && fn && exits.has(fn.name) ? methodCall(node) : undefined;
    if (call?.receiver.text === 'self') exits.add(call.method);
  }
  for (const { node, fn } of facts.calls) {
    const call = inClass(node) ? methodCall(node) : undefined;
    if (!call) continue;
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    const gives =
      (releases.has(call.method) && args.some((a) => a?.text === k.holder)) ||
      (call.receiver.text === k.holder && closes.has(call.method));
    if (!gives) continue;
    released = true;
    // A context manager's exit runs however the `with` body ends.
    if (fn && exits.has(fn.name)) onExit = true;
  }
  const body = k.cls.childForFieldName('body');
  const methods = (body?.namedChildren ?? []).flatMap((d) => {
    const fn = d?.type === 'decorated_definition' ? d.childForFieldName('definition') : d;
    return fn?.type === 'function_definition' ? (fn.childForFieldName('body')?.namedChildren ?? []) : [];
  });
  const statements = methods.filter((n): n is Node => n !== null);
  const names = boundNames(k.holder, { start: k.cls.startIndex, end: k.cls.endIndex }, k.driver, facts);
  const returned = new RegExp(`^\\s*return\\s+${k.holder.replace('.', '\\.')}\\s*$`, 'm');
  return {
    released,
    onExit,
    subscribed: subscription(statements, names, k.driver, facts, null),
    handedOut: returned.test(k.cls.text),
  };
}
