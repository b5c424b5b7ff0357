/**
 * Candidate sites in Python: the pools a file makes (psycopg_pool's
 * `ConnectionPool(timeout=...)`, psycopg2's pools, which have no wait at
 * all), and every awaited or `async with` checkout `X.acquire(...)` (asyncpg
 * bounds the wait per call).
 */
import type { Node } from 'web-tree-sitter';
import { findPyCheckouts } from '../../../src/frontends/python/analysis/checkouts';
import {
  type PyPoolSite,
  findPyPoolSites,
  methodCall,
  poolOfReceiver,
} from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';
import type { PyFunction } from '../../../src/frontends/python/facts';
import { withItems } from '../../../src/frontends/python/facts';

export type Site = { kind: 'pool'; pool: PyPoolSite } | AcquireSite;

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

export function detect(ctx: PyContext): Site[] {
  const pools = findPyPoolSites(ctx.facts);
  // A pool whose wait is set on the pool (psycopg_pool), or that has none (psycopg2); asyncpg's is per call.
  const sites: Site[] = pools
    .filter(({ driver }) => driver.acquireTimeout === null || driver.acquireTimeout.onPool)
    .map((pool) => ({ kind: 'pool', pool }));
  const byReceiver = new Map<string, AcquireSite[]>();
  const checkouts = new Set(findPyCheckouts(ctx.facts, pools).map((c) => c.call.id));
  for (const { node, fn } of ctx.facts.calls) {
    const call = methodCall(node);
    if (call?.method !== 'acquire') continue;
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
