/**
 * Nested checkouts in Python: a held section that calls a function taking its
 * own connection from the same pool holds one connection while it waits for
 * another (a deadlock once every connection is held that way). The function
 * is one of the module's or one it imports, on a module-level pool, or a
 * method of the section's class, on the pool both read from `self`.
 */
import type { Node } from 'web-tree-sitter';
import type { FactNeed } from '../../../src/core/facts';
import { poolCallers, takesConnection } from '../../../src/frontends/python/analysis/pool-callers';
import { methodCall, methodOf } from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';
import { runsElsewhere } from '../../../src/frontends/python/analysis/sections';
import { PY_ACQUIRERS } from './acquirers';
import { type Site, connectionTakesPoolName } from './detect';

export interface PyNested {
  call: Node;
  what: string;
}

/** The section's pool as a module-level name (`pool`), or undefined (`self.pool`, a parameter, a local). */
function modulePool(site: Site): string | undefined {
  const named = site.receiver.type === 'identifier' && !connectionTakesPoolName(site);
  return named && !site.fn?.locals.has(site.pool) ? site.pool : undefined;
}

/** Calls in the section's statements, not in a function or lambda defined there, in source order. */
function callsIn(statements: readonly Node[]): Node[] {
  const found: Node[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'function_definition' || node.type === 'lambda') return;
    if (node.type === 'call') found.push(node);
    for (const child of node.namedChildren) if (child) visit(child);
  };
  for (const statement of statements) visit(statement);
  return found;
}

function calleeOf(call: Node): string | undefined {
  return call.childForFieldName('function')?.text;
}

/** Module-level names the file imports (a callee rooted in one may be a project function). */
function importedNames(ctx: PyContext): Set<string> {
  return new Set(ctx.facts.imports.filter((i) => i.fn === null).map((i) => i.local));
}

function callsImported(site: Site, ctx: PyContext): boolean {
  const imported = importedNames(ctx);
  return callsIn(site.statements).some((call) => imported.has(calleeOf(call)?.split('.')[0] ?? ''));
}

/** The project scan is read only for a section on a module-level pool that calls something the file imports. */
export function nestedNeeds(sites: readonly Site[], ctx: PyContext): FactNeed[] {
  return sites.some((s) => modulePool(s) !== undefined && callsImported(s, ctx))
    ? [{ fact: PY_ACQUIRERS, file: ctx.path }]
    : [];
}

/**
 * Every call of the section to a function that takes a connection from the
 * section's own pool, unless it is handed the section's connection (or
 * something bound to it, `names`): then it may well use that one.
 */
export function nestedAcquires(site: Site, ctx: PyContext, names: ReadonlySet<string>): PyNested[] {
  const pool = modulePool(site);
  const acquirers = new Map<string, string>();
  for (const c of pool ? poolCallers(ctx.facts) : [])
    if (c.pool === pool && c.name !== site.fn?.name && !site.fn?.locals.has(c.name) && !acquirers.has(c.name))
      acquirers.set(c.name, `\`${c.name}()\`, which calls ${c.call}`);
  for (const [callee, what] of methodAcquirers(site, ctx)) if (!acquirers.has(callee)) acquirers.set(callee, what);
  if (pool && callsImported(site, ctx)) {
    const info = ctx.scan.forFile(PY_ACQUIRERS, ctx.path);
    const key = info.pools[pool];
    for (const [callee, found] of Object.entries(info.acquirers))
      if (key !== undefined && found.pool === key && !acquirers.has(callee)) acquirers.set(callee, found.what);
  }
  if (acquirers.size === 0) return [];
  return callsIn(site.statements).flatMap((call) => {
    const what = acquirers.get(calleeOf(call) ?? '');
    return what && !handsConnection(call, names) && !startedAsTask(call) ? [{ call, what }] : [];
  });
}

/** `asyncio.create_task(refresh(...))`: the call only makes the coroutine, run elsewhere; the section goes on without waiting. */
function startedAsTask(call: Node): boolean {
  const outer = call.parent?.type === 'argument_list' ? call.parent.parent : null;
  return outer?.type === 'call' && runsElsewhere(outer);
}

/**
 * Methods of the section's own class that take a connection from the pool
 * the section holds one of (`self.pool`), as the section calls them
 * (`self.find_brand`): a repository class whose `create()` holds a
 * connection while it calls its own `find()`.
 */
function methodAcquirers(site: Site, ctx: PyContext): Map<string, string> {
  const found = new Map<string, string>();
  const object = site.receiver.type === 'attribute' ? site.receiver.childForFieldName('object') : null;
  const own = site.fn ? methodOf(site.fn) : null;
  if (object?.type !== 'identifier' || !own || connectionTakesPoolName(site)) return found;
  for (const { node, fn } of ctx.facts.calls) {
    const method = fn ? methodOf(fn) : null;
    if (!method || method.cls.id !== own.cls.id || method.method === own.method) continue;
    const call = methodCall(node);
    if (!call || !takesConnection(call.method) || call.receiver.text !== site.pool) continue;
    const callee = `${object.text}.${method.method.name}`;
    if (!found.has(callee))
      found.set(
        callee,
        `\`${callee}()\`, which calls \`${site.pool}.${call.method}()\` on line ${node.startPosition.row + 1}`,
      );
  }
  return found;
}

/** `get_user(conn, id)`, `get_user(id, conn=conn)`: the function is given the connection the section holds. */
function handsConnection(call: Node, names: ReadonlySet<string>): boolean {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).some((arg) => {
    const value = arg?.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
    return value?.type === 'identifier' && names.has(value.text);
  });
}
