/**
 * Nested acquires: a held section that awaits a function taking its own
 * connection from the same pool holds one connection while waiting for
 * another (a deadlock at `max` concurrent callers).
 */
import * as t from '@babel/types';
import { textOf } from '../../../src/frontends/js/analysis/held-section';
import { ACQUIRERS } from './acquirers';
import type { JsContext } from '../../../src/frontends/js/context';
import { DRIVERS, HELPER_NAMES } from '../../../src/drivers';
import type { FileFacts } from '../../../src/frontends/js/facts';
import { memberName, walk } from '../../../src/frontends/js/nodes';
import type { Section } from './detect';

export interface Nested {
  node: t.AwaitExpression;
  what: string;
  /** The section queries or checks out from its own pool itself (`await pool.query(...)`), not through a function. */
  direct?: boolean;
}

const ACQUIRING = new Set([...DRIVERS.map((d) => d.acquire), ...DRIVERS.flatMap((d) => d.queryMethods)]);

const usersCache = new WeakMap<FileFacts, Map<string, Map<string, string>>>();

/**
 * Functions of this file (by name) that check out of, or query, a pool:
 * pool text -> function name -> the acquiring call inside it (`pool.connect()` on line 3).
 */
function poolUsers(facts: FileFacts, text: string): Map<string, Map<string, string>> {
  const cached = usersCache.get(facts);
  if (cached) return cached;
  const users = new Map<string, Map<string, string>>();
  for (const p of facts.functions) {
    const name = functionName(p.node, p.parent);
    if (!name) continue;
    walk(p.node.body, (n) => {
      if (!t.isCallExpression(n)) return;
      const pool = acquiredPool(n, text);
      if (!pool) return;
      const found = users.get(pool) ?? new Map<string, string>();
      if (!found.has(name)) found.set(name, `\`${textOf(n.callee, text)}()\` on line ${n.loc?.start.line ?? '?'}`);
      users.set(pool, found);
    });
  }
  usersCache.set(facts, users);
  return users;
}

/** `function f() {}`, `const f = () => {}` / `const f = function () {}`, or a class method (`this.m`). */
function functionName(fn: t.Function, parent: t.Node | null): string | undefined {
  if (t.isFunctionDeclaration(fn)) return fn.id?.name;
  if (t.isClassMethod(fn) && !fn.computed && t.isIdentifier(fn.key)) return `this.${fn.key.name}`;
  if (
    (t.isArrowFunctionExpression(fn) || t.isFunctionExpression(fn)) &&
    t.isClassProperty(parent) &&
    !parent.computed &&
    t.isIdentifier(parent.key)
  )
    return `this.${parent.key.name}`;
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

const CHAIN = new Set(['then', 'catch', 'finally']);
const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

/** What a function returns when it is an arrow with an expression body, or has one `return`. */
function returned(fn: t.Node | undefined): t.Node | undefined {
  if (!t.isArrowFunctionExpression(fn) && !t.isFunctionExpression(fn)) return undefined;
  if (!t.isBlockStatement(fn.body)) return fn.body;
  const returns = fn.body.body.filter((s): s is t.ReturnStatement => t.isReturnStatement(s));
  return returns.length === 1 ? (returns[0].argument ?? undefined) : undefined;
}

/**
 * The calls an awaited expression waits on, by callee name: `f(x)`, the root
 * of `f(x).then(...)`, each element of `Promise.all([f(), g()])`, what a
 * `Promise.all(xs.map((x) => f(x)))` callback returns, and `this.m(...)`.
 */
function awaitedCallees(node: t.Node | null | undefined, out: string[] = []): string[] {
  if (!t.isCallExpression(node)) return out;
  const callee = node.callee;
  const method = memberName(callee);
  if (t.isMemberExpression(callee) && method && CHAIN.has(method)) return awaitedCallees(callee.object, out);
  if (
    t.isMemberExpression(callee) &&
    t.isIdentifier(callee.object, { name: 'Promise' }) &&
    method &&
    COMBINATORS.has(method)
  ) {
    const arg = node.arguments[0];
    if (t.isArrayExpression(arg)) for (const element of arg.elements) awaitedCallees(element, out);
    else if (t.isCallExpression(arg) && memberName(arg.callee) === 'map')
      awaitedCallees(returned(arg.arguments[0]), out);
    return out;
  }
  if (t.isIdentifier(callee)) out.push(callee.name);
  else if (t.isMemberExpression(callee) && t.isThisExpression(callee.object) && method) out.push(`this.${method}`);
  return out;
}

/** Every await in the section (not in nested functions) waiting on a call whose callee name passes `test`, in order. */
function awaitedCalls(section: Section, test: (name: string) => boolean): { node: t.AwaitExpression; name: string }[] {
  const found: { node: t.AwaitExpression; name: string }[] = [];
  for (const statement of section.body) {
    walk(statement, (n) => {
      if (!t.isAwaitExpression(n)) return undefined;
      const name = awaitedCallees(n.argument).find(test);
      if (name) found.push({ node: n, name });
      return undefined;
    });
  }
  return found;
}

/**
 * Every await of the section that takes a connection from the section's own
 * pool: directly, through a same-file function, or (through the project
 * scan) through an imported one; in source order. Each is a finding of its
 * own: one said as "cannot classify" would ask the user to name it as I/O.
 */
export function nestedAcquires(section: Section, ctx: JsContext): Nested[] {
  const names = poolUsers(ctx.facts, ctx.text).get(section.poolText);
  const local: Nested[] = names
    ? awaitedCalls(section, (name) => names.has(name)).map(({ node, name }) => ({
        node,
        what: `\`${name}()\`, which calls ${names.get(name)}`,
      }))
    : [];
  // One finding per await, whichever way it was found first.
  const byAwait = new Map<t.Node, Nested>();
  for (const n of [...directAcquires(section, ctx.text), ...local, ...importedAcquires(section, ctx)])
    if (!byAwait.has(n.node)) byAwait.set(n.node, n);
  return [...byAwait.values()].sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));
}

/** The awaits in the section (not in nested functions) on a query or checkout of the section's own pool. */
function directAcquires(section: Section, text: string): Nested[] {
  const found: Nested[] = [];
  for (const statement of section.body) {
    walk(statement, (n) => {
      if (!t.isAwaitExpression(n)) return undefined;
      let call = n.argument;
      while (t.isCallExpression(call) && CHAIN.has(memberName(call.callee) ?? '') && t.isMemberExpression(call.callee))
        call = call.callee.object;
      if (
        t.isCallExpression(call) &&
        t.isMemberExpression(call.callee) &&
        acquiredPool(call, text) === section.poolText
      )
        found.push({ node: n, what: `\`${textOf(call.callee, text)}()\``, direct: true });
      return undefined;
    });
  }
  return found;
}

/** Names the file imports from its own project (relative modules): only those can be acquirers the scan knows. */
function relativeImports(facts: FileFacts): Set<string> {
  return new Set(
    facts.imports
      .filter((i) => i.source.startsWith('.'))
      .flatMap((i) => i.bindings.filter((b) => !b.typeOnly).map((b) => b.local)),
  );
}

/** Does the section await a function imported from the project? Only then are the imported acquirers needed. */
export function awaitsImported(section: Section, facts: FileFacts): boolean {
  const imported = relativeImports(facts);
  return awaitedCalls(section, (name) => imported.has(name)).length > 0;
}

function importedAcquires(section: Section, ctx: JsContext): Nested[] {
  if (!awaitsImported(section, ctx.facts)) return [];
  const info = ctx.scan.forFile(ACQUIRERS, ctx.path);
  const pool = info.pools[section.poolText];
  if (!pool) return [];
  return awaitedCalls(section, (name) => info.acquirers[name]?.pool === pool).map(({ node, name }) => {
    // The scan's chain: the local call, then `<module file>: <exported function>()`.
    const [, inModule] = info.acquirers[name].chain;
    return { node, what: `\`${name}()\`${inModule ? ` (\`${inModule}\`)` : ''}` };
  });
}
