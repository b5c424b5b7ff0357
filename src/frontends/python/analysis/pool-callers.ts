/**
 * Module-level functions that take a connection of their own from a name the
 * module binds (`def get_user(id): with pool.connection() as conn: ...`,
 * `async def count(): return await pool.fetchval(...)`): a caller that holds
 * a connection from the same pool while it calls one waits for a second
 * connection. Read by split-io, in the file and, through the summaries, in
 * the modules a file imports.
 */
import { PY_DRIVERS } from '../../../drivers/python';
import type { PyFacts, PyFunction } from '../facts';
import { methodCall } from './driver-use';

export interface PyPoolCaller {
  /** The function, as the module binds it. */
  name: string;
  /** The module-level name it takes the connection from, as the function writes it (not yet known to be a pool). */
  pool: string;
  /** The call, for a message: `pool.connection()` on line 4. */
  call: string;
}

/** What takes a connection from a pool: a checkout by hand, the scoped form, or a query the pool runs itself. */
const ACQUIRING = new Set(
  PY_DRIVERS.flatMap((d) => [d.checkout.method, ...(d.scoped ? [d.scoped.method] : []), ...d.poolQueryMethods]),
);

/** Does a call of this method on a pool take a connection from it? */
export function takesConnection(method: string): boolean {
  return ACQUIRING.has(method);
}

/** A function at module level, not a method or a function nested in another. */
function atModuleLevel(fn: PyFunction): boolean {
  return fn.parent === null && fn.node.parent?.parent?.type !== 'class_definition';
}

/**
 * Each module-level function with each module-level name it takes a
 * connection from, once, at its first such call. A lock's `acquire()` is
 * listed too: a reader keeps only the names that resolve to a pool.
 */
export function poolCallers(facts: PyFacts): PyPoolCaller[] {
  const found = new Map<string, PyPoolCaller>();
  for (const { node, fn } of facts.calls) {
    if (!fn || !atModuleLevel(fn)) continue;
    const call = methodCall(node);
    if (!call || !ACQUIRING.has(call.method) || call.receiver.type !== 'identifier') continue;
    const pool = call.receiver.text;
    // A parameter or a local of the same name is the caller's pool, not the module's.
    if (fn.locals.has(pool) || !facts.moduleNames.has(pool)) continue;
    const key = `${fn.name}\0${pool}`;
    if (!found.has(key))
      found.set(key, {
        name: fn.name,
        pool,
        call: `\`${pool}.${call.method}()\` on line ${node.startPosition.row + 1}`,
      });
  }
  return [...found.values()];
}
