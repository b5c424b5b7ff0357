/**
 * Where the promise of a query on a held connection ends up: awaited before
 * the section goes on, or not. A promise that is not awaited (a `.then` or
 * `.catch` chain left running, one stored and never awaited, one dropped by
 * `forEach`, one returned from inside the section) can still be running
 * when the connection is released, so moving the release into a `finally`
 * is not safe for it. The answer says which way the promise went, in words
 * for the finding.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { SYNC_CALLBACK_METHODS, memberName } from '../nodes';

export type Fate = { awaited: true } | { awaited: false; how: string };

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);
const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);
/** Promises followed through variables at most this deep (`const p = ...; const q = p;`). */
const MAX_DEPTH = 4;

const AWAITED: Fate = { awaited: true };

/** `Promise.all([...])` and friends, with the array as their argument. */
function isCombinatorOf(call: t.Node | null | undefined, array: t.Node): call is t.CallExpression {
  return (
    t.isCallExpression(call) &&
    call.arguments[0] === array &&
    t.isMemberExpression(call.callee) &&
    t.isIdentifier(call.callee.object, { name: 'Promise' }) &&
    COMBINATORS.has(memberName(call.callee) ?? '')
  );
}

/** Is `path` directly in a statement of the section (not inside a function nested in it)? */
function atSectionLevel(path: NodePath, roots: ReadonlySet<t.Node>): boolean {
  for (let p: NodePath | null = path; p; p = p.parentPath) {
    if (roots.has(p.node)) return true;
    if (p.isFunction()) return false;
  }
  return false;
}

/** The fate of a function's return value, when `fn` is a synchronous array callback: that of the array `map` builds. */
function callbackResult(fn: NodePath<t.Function>, roots: ReadonlySet<t.Node>, depth: number): Fate | null {
  const call = fn.parentPath;
  if (!call || !call.isCallExpression() || call.node.arguments[0] !== fn.node) return null;
  const method = memberName(call.node.callee) ?? '';
  if (!SYNC_CALLBACK_METHODS.has(method) || fn.node.async) return null;
  if (method === 'map' || method === 'flatMap') return fateOf(call, roots, depth);
  return { awaited: false, how: `its promise is dropped by \`${method}()\`` };
}

/** The fate of a stored promise: awaited if any later use of the variable awaits it. */
function storedFate(declarator: NodePath<t.VariableDeclarator>, roots: ReadonlySet<t.Node>, depth: number): Fate {
  const id = declarator.node.id;
  if (!t.isIdentifier(id)) return { awaited: false, how: 'it is destructured without being awaited' };
  const binding = declarator.scope.getBinding(id.name);
  for (const ref of binding?.referencePaths ?? [])
    if (depth < MAX_DEPTH && fateOf(ref, roots, depth + 1).awaited) return AWAITED;
  return { awaited: false, how: `it is stored in \`${id.name}\` and not awaited in the section` };
}

/**
 * Follow the promise produced at `start` (a query call, or a variable
 * holding its promise) up through chains, combinators, array callbacks and
 * variables until something awaits it or it is dropped.
 */
export function fateOf(start: NodePath, roots: ReadonlySet<t.Node>, depth = 0): Fate {
  let current: NodePath = start;
  let chained: string | null = null;
  for (;;) {
    const parent = current.parentPath;
    if (!parent) return { awaited: false, how: 'nothing awaits it' };
    const node = parent.node;
    if (t.isAwaitExpression(node) || t.isYieldExpression(node)) return AWAITED;
    const passesThrough =
      t.isParenthesizedExpression(node) ||
      t.isTSAsExpression(node) ||
      t.isTSNonNullExpression(node) ||
      t.isTSSatisfiesExpression(node);
    // `await (a ? c.query(x) : c.query(y))`, `await (p || c.query(x))`: the value goes on to what holds the expression.
    const branches = (t.isConditionalExpression(node) && node.test !== current.node) || t.isLogicalExpression(node);
    if (passesThrough || branches) {
      current = parent;
      continue;
    }
    if (t.isMemberExpression(node) && node.object === current.node && CHAIN_METHODS.has(memberName(node) ?? '')) {
      const call = parent.parentPath;
      if (call?.isCallExpression() && call.node.callee === node) {
        chained = memberName(node) ?? null;
        current = call;
        continue;
      }
    }
    if (t.isArrayExpression(node) && isCombinatorOf(parent.parentPath?.node, node)) {
      current = parent.parentPath!;
      continue;
    }
    if (
      t.isSpreadElement(node) &&
      t.isArrayExpression(parent.parentPath?.node) &&
      isCombinatorOf(parent.parentPath?.parentPath?.node, parent.parentPath.node)
    ) {
      current = parent.parentPath.parentPath!;
      continue;
    }
    if (isCombinatorOf(node, current.node)) {
      current = parent;
      continue;
    }
    if (t.isArrowFunctionExpression(node) && node.body === current.node) {
      return callbackResult(parent as NodePath<t.Function>, roots, depth) ?? AWAITED;
    }
    if (t.isReturnStatement(node)) {
      if (atSectionLevel(parent, roots))
        return {
          awaited: false,
          how: 'it is returned without `await`, so a `finally` would release the connection before it settles',
        };
      const fn = parent.getFunctionParent();
      return (fn && callbackResult(fn, roots, depth)) ?? AWAITED;
    }
    if (t.isVariableDeclarator(node) && node.init === current.node)
      return storedFate(parent as NodePath<t.VariableDeclarator>, roots, depth);
    if (t.isExpressionStatement(node))
      return { awaited: false, how: chained ? `its \`.${chained}()\` chain is not awaited` : 'nothing awaits it' };
    return { awaited: false, how: 'its promise is passed on without being awaited' };
  }
}
