/**
 * Nested acquires: a held section that awaits a function taking its own
 * connection from the same pool holds one connection while waiting for
 * another (a deadlock at `max` concurrent callers).
 */
import * as t from '@babel/types';
import { textOf } from '../../src/analysis/held-section';
import type { FileContext } from '../../src/core/types';
import { DRIVERS, HELPER_NAMES } from '../../src/drivers';
import type { FileFacts } from '../../src/js/facts';
import { memberName, walk } from '../../src/js/nodes';
import type { Section } from './detect';

export interface Nested {
  node: t.AwaitExpression;
  what: string;
}

const ACQUIRING = new Set([...DRIVERS.map((d) => d.acquire), ...DRIVERS.flatMap((d) => d.queryMethods)]);

const usersCache = new WeakMap<FileFacts, Map<string, Set<string>>>();

/** Functions of this file (by name) that check out of, or query, a pool: pool text -> function names. */
function poolUsers(facts: FileFacts, text: string): Map<string, Set<string>> {
  const cached = usersCache.get(facts);
  if (cached) return cached;
  const users = new Map<string, Set<string>>();
  for (const p of facts.functions) {
    const name = functionName(p.node, p.parent);
    if (!name) continue;
    walk(p.node.body, (n) => {
      if (!t.isCallExpression(n)) return;
      const pool = acquiredPool(n, text);
      if (!pool) return;
      const set = users.get(pool) ?? new Set<string>();
      set.add(name);
      users.set(pool, set);
    });
  }
  usersCache.set(facts, users);
  return users;
}

/** `function f() {}`, or `const f = () => {}` / `const f = function () {}`. */
function functionName(fn: t.Function, parent: t.Node | null): string | undefined {
  if (t.isFunctionDeclaration(fn)) return fn.id?.name;
  if (
    (t.isArrowFunctionExpression(fn) || t.isFunctionExpression(fn)) &&
    t.isVariableDeclarator(parent) &&
    parent.init === fn &&
    t.isIdentifier(parent.id)
  )
    return parent.id.name;
  return undefined;
}

/** The pool a call takes a connection from: `pool.connect()`, `pool.query()`, `withClient(pool, ...)`. */
function acquiredPool(call: t.CallExpression, text: string): string | undefined {
  const method = memberName(call.callee);
  if (
    method &&
    ACQUIRING.has(method) &&
    t.isMemberExpression(call.callee) &&
    (t.isIdentifier(call.callee.object) || t.isMemberExpression(call.callee.object))
  )
    return textOf(call.callee.object, text);
  if (t.isIdentifier(call.callee) && HELPER_NAMES.includes(call.callee.name) && call.arguments[0])
    return textOf(call.arguments[0], text);
  return undefined;
}

/** The first awaited call in the section (not in nested functions) whose callee name passes `test`. */
function firstAwaitedCall(
  section: Section,
  test: (name: string) => boolean,
): { node: t.AwaitExpression; name: string } | undefined {
  let found: { node: t.AwaitExpression; name: string } | undefined;
  for (const statement of section.body) {
    walk(statement, (n) => {
      if (found) return 'skip';
      if (!t.isAwaitExpression(n) || !t.isCallExpression(n.argument) || !t.isIdentifier(n.argument.callee)) return;
      if (test(n.argument.callee.name)) found = { node: n, name: n.argument.callee.name };
    });
    if (found) break;
  }
  return found;
}

/** A same-file function, or (through the project scan) an imported one, that acquires from the section's pool. */
export function nestedAcquire(section: Section, ctx: FileContext): Nested | undefined {
  const names = poolUsers(ctx.facts, ctx.text).get(section.poolText);
  const local = names ? firstAwaitedCall(section, (name) => names.has(name)) : undefined;
  if (local) return { node: local.node, what: `\`${local.name}()\`` };
  return importedAcquire(section, ctx);
}

/** Names the file imports from its own project (relative modules): only those can be acquirers the scan knows. */
function relativeImports(facts: FileFacts): Set<string> {
  return new Set(
    facts.imports
      .filter((i) => i.source.startsWith('.'))
      .flatMap((i) => i.bindings.filter((b) => !b.typeOnly).map((b) => b.local)),
  );
}

function importedAcquire(section: Section, ctx: FileContext): Nested | undefined {
  const imported = relativeImports(ctx.facts);
  // Asking the scan may defer the file: ask only when an imported function is awaited here.
  if (!firstAwaitedCall(section, (name) => imported.has(name))) return undefined;
  const info = ctx.scan.importedAcquirers(ctx.path);
  const pool = info.pools[section.poolText];
  if (!pool) return undefined;
  const found = firstAwaitedCall(section, (name) => info.acquirers[name]?.pool === pool);
  return found ? { node: found.node, what: `\`${found.name}()\` (imported)` } : undefined;
}
