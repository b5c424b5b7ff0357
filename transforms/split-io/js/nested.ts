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

/** The first await in the section (not in nested functions) waiting on a call whose callee name passes `test`. */
function firstAwaitedCall(
  section: Section,
  test: (name: string) => boolean,
): { node: t.AwaitExpression; name: string } | undefined {
  let found: { node: t.AwaitExpression; name: string } | undefined;
  for (const statement of section.body) {
    walk(statement, (n) => {
      if (found) return 'skip';
      if (!t.isAwaitExpression(n)) return undefined;
      const name = awaitedCallees(n.argument).find(test);
      if (name) found = { node: n, name };
      return undefined;
    });
    if (found) break;
  }
  return found;
}

/** A same-file function, or (through the project scan) an imported one, that acquires from the section's pool. */
export function nestedAcquire(section: Section, ctx: JsContext): Nested | undefined {
  const direct = directAcquire(section, ctx.text);
  if (direct) return direct;
  const names = poolUsers(ctx.facts, ctx.text).get(section.poolText);
  const local = names ? firstAwaitedCall(section, (name) => names.has(name)) : undefined;
  if (local) return { node: local.node, what: `\`${local.name}()\`, which calls ${names!.get(local.name)}` };
  return importedAcquire(section, ctx);
}

/** The first await in the section (not in nested functions) on a query or checkout of the section's own pool. */
function directAcquire(section: Section, text: string): Nested | undefined {
  let found: Nested | undefined;
  for (const statement of section.body) {
    walk(statement, (n) => {
      if (found) return 'skip';
      if (!t.isAwaitExpression(n)) return undefined;
      let call = n.argument;
      while (t.isCallExpression(call) && CHAIN.has(memberName(call.callee) ?? '') && t.isMemberExpression(call.callee))
        call = call.callee.object;
      if (
        t.isCallExpression(call) &&
        t.isMemberExpression(call.callee) &&
        acquiredPool(call, text) === section.poolText
      )
        found = { node: n, what: `\`${textOf(call.callee, text)}()\``, direct: true };
      return undefined;
    });
    if (found) break;
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
  return firstAwaitedCall(section, (name) => imported.has(name)) !== undefined;
}

function importedAcquire(section: Section, ctx: JsContext): Nested | undefined {
  if (!awaitsImported(section, ctx.facts)) return undefined;
  const info = ctx.scan.forFile(ACQUIRERS, ctx.path);
  const pool = info.pools[section.poolText];
  if (!pool) return undefined;
  const found = firstAwaitedCall(section, (name) => info.acquirers[name]?.pool === pool);
  if (!found) return undefined;
  // The scan's chain: the local call, then `<module file>: <exported function>()`.
  const [, inModule] = info.acquirers[found.name].chain;
  return { node: found.node, what: `\`${found.name}()\`${inModule ? ` (\`${inModule}\`)` : ''}` };
}
