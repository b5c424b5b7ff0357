/**
 * Candidate sites in Python: the pools a module makes once (is their state
 * exported anywhere?), and every `except` of a `try` that checks a
 * connection out or opens one: one that neither logs nor raises loses the
 * error; one that does is a site handled (review question 8).
 */
import type { Node } from 'web-tree-sitter';
import { PY_DRIVERS } from '../../../src/drivers/python';
import { type PyPoolSite, findPyPoolSites, methodCall } from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';
import { mayCatchConnectionError } from '../../../src/frontends/python/analysis/handlers';
import { qualifiedName } from '../../../src/frontends/python/names';

export type Site =
  | { kind: 'pool'; pool: PyPoolSite }
  | { kind: 'swallowed'; clause: Node; body: Node; what: string }
  | { kind: 'handled'; clause: Node };

/** Pool methods that hand out a connection: a checkout, or its scoped form. */
const CHECKOUTS = new Set(PY_DRIVERS.flatMap((d) => [d.checkout.method, ...(d.scoped ? [d.scoped.method] : [])]));
/** Library functions that open one (`psycopg2.connect`, `asyncpg.connect`). */
const CONNECTS = new Set(PY_DRIVERS.flatMap((d) => d.connect.functions.map((f) => f.qualified)));
/** An except body that says something: logs, prints, reports, or raises. */
const SPEAKS = /\b(raise|\w*log\w*|p?print|warn\w*|capture_\w+|sentry_sdk|report\w*)\b/i;

export function detect(ctx: PyContext): Site[] {
  const sites: Site[] = findPyPoolSites(ctx.facts)
    .filter((pool) => pool.fn === null || (pool.target !== null && !pool.fn.locals.has(pool.target)))
    .map((pool) => ({ kind: 'pool', pool }));
  for (const { node, fn } of ctx.facts.tries) {
    const body = node.childForFieldName('body');
    const taken = body ? connectionCall(body, ctx) : undefined;
    // A try in a loop is a retry: its handler waits and tries again rather than losing the error.
    if (!taken || inLoop(node)) continue;
    for (const clause of node.namedChildren) {
      // A handler for what the work raises (`except NotFoundError: return 404`) is not about the connection.
      if (clause?.type !== 'except_clause' || !mayCatchConnectionError(clause, fn, ctx.facts)) continue;
      const block = clause.namedChildren.find((c) => c?.type === 'block');
      if (!block) continue;
      if (!SPEAKS.test(block.text) && !usesCaught(clause, block))
        sites.push({ kind: 'swallowed', clause, body: block, what: taken });
      else sites.push({ kind: 'handled', clause });
    }
  }
  return sites;
}

/** The first call in the block that takes a connection from a library or a pool, as written up to its `(`. */
function connectionCall(block: Node, ctx: PyContext): string | undefined {
  for (const call of block.descendantsOfType('call')) {
    const callee = call?.childForFieldName('function');
    if (!call || !callee) continue;
    const method = methodCall(call);
    const ownMethod = method?.receiver.type === 'identifier' && ['self', 'cls'].includes(method.receiver.text);
    const takes = method && !ownMethod && CHECKOUTS.has(method.method);
    const qualified = qualifiedName(callee, null, ctx.facts);
    if (takes || (qualified && CONNECTS.has(qualified))) return `${callee.text}()`;
  }
  return undefined;
}

/** `except E as e:` whose body reads `e` (returns it, wraps it, stores it): the error is passed on, not lost. */
function usesCaught(clause: Node, block: Node): boolean {
  const alias = clause.namedChildren.find((c) => c?.type === 'as_pattern')?.childForFieldName('alias')?.text;
  return alias !== undefined && new RegExp(`\\b${alias}\\b`).test(block.text);
}

function inLoop(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'for_statement' || n.type === 'while_statement') return true;
    if (n.type === 'function_definition') return false;
  }
  return false;
}
