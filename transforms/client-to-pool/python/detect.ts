/**
 * Candidate sites in Python: every connection opened per call (`psycopg2.connect`,
 * `psycopg.connect`, `asyncpg.connect`), by how it is held: assigned to a
 * name, the subject of a `with`, or anything else (returned by a factory,
 * stored on an object), which is reported.
 */
import type { Node } from 'web-tree-sitter';
import { type PyConnectSite, findPyConnectSites } from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';

export type Site =
  | { kind: 'assigned'; connect: PyConnectSite; conn: string }
  | { kind: 'with'; connect: PyConnectSite; conn: string; statement: Node }
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
    return {
      kind: 'other',
      connect,
      conn: connect.target ?? connect.call.text.split('(')[0],
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
