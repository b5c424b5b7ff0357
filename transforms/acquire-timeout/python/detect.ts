/**
 * Candidate sites in Python: the pools a file makes (psycopg_pool's
 * `ConnectionPool(timeout=...)`, psycopg2's pools, which have no wait at
 * all), every awaited or `async with` checkout `X.acquire(...)` (asyncpg
 * bounds the wait per call), and checkouts passing a keyword their
 * library's method does not take.
 */
import type { Node } from 'web-tree-sitter';
import { PY_DRIVERS, type PyDriverProfile } from '../../../src/drivers/python';
import { findPyCheckouts, findPyScopedCheckouts } from '../../../src/frontends/python/analysis/checkouts';
import {
  type PyPoolSite,
  findPyPoolSites,
  methodCall,
  poolOfReceiver,
} from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';
import type { PyFunction } from '../../../src/frontends/python/facts';
import { withItems } from '../../../src/frontends/python/facts';

export type Site = { kind: 'pool'; pool: PyPoolSite } | AcquireSite | ArgumentSite;

/** A checkout passing a keyword its library's method does not take (`getconn(timeout=5)` on psycopg2). */
interface ArgumentSite {
  kind: 'argument';
  call: Node;
  keyword: Node;
  name: string;
  method: string;
  /** The keywords the method takes. */
  keywords: readonly string[];
  driver: PyDriverProfile;
}

export interface AcquireSite {
  kind: 'acquire';
  call: Node;
  receiver: Node;
  fn: PyFunction | null;
  /** The pool this file makes that the receiver names, if any. */
  made: PyPoolSite | undefined;
  /**
   * Used as a pool checkout is: `async with X.acquire() as conn`, or
   * `conn = await X.acquire()` given back with `X.release(conn)` (a
   * lock's or a semaphore's `acquire()` is neither).
   */
  checkoutShape: boolean;
  /** Every checkout in the file on a receiver written the same way (this one included), in order. */
  sameReceiver: AcquireSite[];
}

/**
 * The library whose checkout waits forever unless each call bounds it
 * (asyncpg's `acquire(timeout=)`, per the profiles): its checkouts are the
 * per-call sites.
 */
export const PER_CALL = PY_DRIVERS.find((d) => d.acquireTimeout?.onCall && d.acquireTimeout.defaultSeconds === null);

export function detect(ctx: PyContext): Site[] {
  const pools = findPyPoolSites(ctx.facts);
  // A pool whose wait is set on the pool (psycopg_pool), or that has none (psycopg2); asyncpg's is per call.
  const sites: Site[] = pools
    .filter(({ driver }) => driver.acquireTimeout === null || driver.acquireTimeout.onPool)
    .map((pool) => ({ kind: 'pool', pool }));
  for (const c of findPyCheckouts(ctx.facts, pools))
    if (c.driver) sites.push(...unknownKeywords(c.call, c.driver, c.driver.checkout));
  for (const s of findPyScopedCheckouts(ctx.facts, pools)) {
    const value = withItems(s.statement).find((i) => i.value.type === 'call')?.value;
    if (s.driver?.scoped && value) sites.push(...unknownKeywords(value, s.driver, s.driver.scoped));
  }
  const byReceiver = new Map<string, AcquireSite[]>();
  const checkouts = new Set(findPyCheckouts(ctx.facts, pools).map((c) => c.call.id));
  for (const { node, fn } of ctx.facts.calls) {
    const call = methodCall(node);
    if (!call || call.method !== PER_CALL?.checkout.method) continue;
    const scoped = asyncWithItem(node);
    if (!scoped && node.parent?.type !== 'await') continue;
    const made = poolOfReceiver(call.receiver, fn, ctx.facts, pools);
    const checkoutShape = scoped ? scoped.alias !== null : checkouts.has(node.id);
    const same = byReceiver.get(call.receiver.text) ?? [];
    byReceiver.set(call.receiver.text, same);
    const site: AcquireSite = {
      kind: 'acquire',
      call: node,
      receiver: call.receiver,
      fn,
      made,
      checkoutShape,
      sameReceiver: same,
    };
    same.push(site);
    sites.push(site);
  }
  return sites;
}

/** The item of `async with X.acquire() [as conn]:` whose value is the call. */
function asyncWithItem(call: Node): { alias: Node | null } | undefined {
  const item = call.parent?.type === 'as_pattern' ? call.parent.parent : call.parent;
  const statement = item?.type === 'with_item' ? item.parent?.parent : undefined;
  if (statement?.type !== 'with_statement' || !statement.children.some((c) => c?.type === 'async')) return undefined;
  return withItems(statement).find((i) => i.value.id === call.id);
}

/** The keywords a checkout call passes that the library's method does not take (it raises TypeError). */
function unknownKeywords(
  call: Node,
  driver: PyDriverProfile,
  method: { method: string; keywords: readonly string[] },
): ArgumentSite[] {
  const found: ArgumentSite[] = [];
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const name = arg?.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : undefined;
    if (arg && name && !method.keywords.includes(name))
      found.push({
        kind: 'argument',
        call,
        keyword: arg,
        name,
        method: method.method,
        keywords: method.keywords,
        driver,
      });
  }
  return found;
}
