/**
 * Candidate sites in Python: every connection opened per call (`psycopg2.connect`,
 * `psycopg.connect`, `asyncpg.connect`), by how it is held: assigned to a
 * name, the subject of a `with`, kept for the request in a framework's
 * per-request store (Flask's `g`), or anything else (returned by a factory,
 * stored on an object). The last two are reported.
 */
import type { Node } from 'web-tree-sitter';
import type { RequestStore } from '../../../src/drivers/python/frameworks';
import { requestStoreOf } from '../../../src/frontends/python/analysis/request-stores';
import { type PyConnectSite, findPyConnectSites } from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';
import type { PyFacts, PyFunction } from '../../../src/frontends/python/facts';
import { qualifiedName } from '../../../src/frontends/python/names';
import { literalText } from '../../../src/frontends/python/analysis/literals';

export type Site =
  | { kind: 'assigned'; connect: PyConnectSite; conn: string }
  | { kind: 'with'; connect: PyConnectSite; conn: string; statement: Node }
  | {
      kind: 'request-store';
      connect: PyConnectSite;
      conn: string;
      store: RequestStore;
      /** The function that takes it out of the store again (the teardown that closes it), when the file has one. */
      teardown: string | null;
      /** This module registers that function to run when the request ends (`app.teardown_appcontext(close_db)`). */
      registered: boolean;
    }
  | { kind: 'other'; connect: PyConnectSite; conn: string; how: string };

export function detect(ctx: PyContext): Site[] {
  return findPyConnectSites(ctx.facts).map((connect): Site => {
    const expression = connect.awaited && connect.call.parent ? connect.call.parent : connect.call;
    const parent = expression.parent;
    if (parent?.type === 'assignment' && connect.target && !connect.target.includes('.'))
      return { kind: 'assigned', connect, conn: connect.target };
    const item = parent?.type === 'as_pattern' ? parent.parent : undefined;
    const withStatement = item?.parent?.parent;
    const alias = parent?.type === 'as_pattern' ? parent.childForFieldName('alias')?.namedChildren[0] : undefined;
    if (item?.type === 'with_item' && withStatement?.type === 'with_statement' && alias?.type === 'identifier')
      return { kind: 'with', connect, conn: alias.text, statement: withStatement };
    const kept = requestStorage(parent, connect, ctx.facts);
    if (kept && connect.target) return { kind: 'request-store', connect, conn: connect.target, ...kept };
    return {
      kind: 'other',
      connect,
      // Without a name, the call itself: `psycopg2.connect(...)` reads as what opens the connection.
      conn: connect.target ?? `${connect.call.text.split('(')[0]}(...)`,
      how: howHeld(connect, parent),
    };
  });
}

/** Where a connection that is neither a plain name nor a `with` subject goes, in a reader's words. */
function howHeld(connect: PyConnectSite, parent: Node | null): string {
  if (parent?.type === 'return_statement') return 'is returned to the caller';
  if (connect.target) return `is stored in \`${connect.target}\``;
  const call = parent?.type === 'argument_list' ? parent.parent?.childForFieldName('function') : undefined;
  if (call) return `is passed straight to \`${call.text}(...)\``;
  return `is used in \`${(parent ?? connect.call).text.split('\n')[0]}\` without a name of its own`;
}

/** `g.db = connect(...)` with Flask's `g`: the store, and the function that takes `db` out of it again. */
function requestStorage(
  parent: Node | null,
  connect: PyConnectSite,
  facts: PyFacts,
): { store: RequestStore; teardown: string | null; registered: boolean } | undefined {
  const left = parent?.type === 'assignment' ? parent.childForFieldName('left') : null;
  const attribute = left?.childForFieldName('attribute')?.text;
  const store = requestStoreOf(left, connect.fn, facts);
  if (!attribute || !store) return undefined;
  const teardown = facts.calls.find(
    ({ node, fn }) => fn && fn !== connect.fn && takesOut(node, attribute, store, fn, facts),
  )?.fn;
  return {
    store,
    teardown: teardown?.name ?? null,
    registered: !!teardown && registersTeardown(teardown, store, facts),
  };
}

/** `@app.teardown_appcontext` on the function, or `app.teardown_appcontext(close_db)` anywhere in the module. */
function registersTeardown(fn: PyFunction, store: RequestStore, facts: PyFacts): boolean {
  const registers = (callee: Node | null | undefined) =>
    callee?.type === 'attribute' && store.teardowns.includes(callee.childForFieldName('attribute')?.text ?? '');
  if (fn.decorators.some((d) => store.teardowns.includes(d.split('.').pop() ?? ''))) return true;
  return facts.calls.some(({ node }) => {
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    return registers(node.childForFieldName('function')) && args[0]?.type === 'identifier' && args[0].text === fn.name;
  });
}

/** `g.pop('db', ...)` or `getattr(g, 'db', ...)`: the call that takes the stored connection back out. */
function takesOut(call: Node, attribute: string, store: RequestStore, fn: PyFunction, facts: PyFacts): boolean {
  const callee = call.childForFieldName('function');
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'pop') {
    const object = callee.childForFieldName('object');
    return (
      !!object &&
      qualifiedName(object, fn, facts) === store.name &&
      !!args[0] &&
      literalText(args[0], facts) === attribute
    );
  }
  return (
    callee?.type === 'identifier' &&
    callee.text === 'getattr' &&
    !!args[0] &&
    qualifiedName(args[0], fn, facts) === store.name &&
    !!args[1] &&
    literalText(args[1], facts) === attribute
  );
}
