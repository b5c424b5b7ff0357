/**
 * A checked-out connection kept beyond the statement that takes it: one a
 * class stores on `this` for its other methods, or one a function keeps to
 * listen on. What the code that keeps it does with it: releases it,
 * subscribes to it (LISTEN, `.on('notification', ...)`), listens for its
 * 'error'.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { type DriverProfile, EVENT_METHODS, clientReleaseMethods } from '../../../drivers';
import { SQL_LISTEN } from '../../../drivers/sql';
import { memberName, sqlText, staticString, walk } from '../nodes';
import { textOf } from './held-section';

export interface KeptUse {
  released: boolean;
  /** How it is subscribed to: `LISTEN`, or the event method (`on`, `once`) of a listener for anything but 'error'. */
  subscribed?: string;
  /** Something listens for its 'error'. */
  errorListener: boolean;
}

/** "`this.listener` runs LISTEN", "`client.on(...)` subscribes to its events": for messages. */
export function subscriptionText(holder: string, subscribed: string): string {
  return subscribed === 'LISTEN'
    ? `\`${holder}\` runs LISTEN`
    : `\`${holder}.${subscribed}(...)\` subscribes to its events`;
}

/** What one call on the connection says of its use (`call` is made on it). */
function noteCall(
  call: t.CallExpression | t.OptionalCallExpression,
  method: string,
  driver: DriverProfile,
  use: KeptUse,
) {
  if (clientReleaseMethods([driver]).includes(method)) use.released = true;
  else if (EVENT_METHODS.includes(method)) {
    if (staticString(call.arguments[0]) === 'error') use.errorListener = true;
    else use.subscribed ??= method;
  } else if (driver.queryMethods.includes(method) && SQL_LISTEN.test(sqlText(call.arguments[0]) ?? ''))
    use.subscribed ??= 'LISTEN';
}

/**
 * What the rest of the class does with a checkout stored on `this.prop`.
 * Undefined when the holder is not on `this` in a class, or when the class
 * hands it to its callers (`return this.client`): they are the code that
 * keeps it. Arrow functions share the method's `this`; a nested `function`
 * or class has its own, and is not read.
 */
export function instanceUse(path: NodePath, holder: string, driver: DriverProfile, text: string): KeptUse | undefined {
  const owner = path.findParent((p) => p.isClass() || (p.isFunction() && !p.isArrowFunctionExpression()));
  const cls = owner?.isClassMethod() || owner?.isClassPrivateMethod() ? owner.parentPath.parentPath : owner;
  if (!holder.startsWith('this.') || !cls?.isClass()) return undefined;
  const use: KeptUse = { released: false, errorListener: false };
  const isHolder = (n: t.Node | null | undefined): boolean =>
    !!n && textOf(t.isTSNonNullExpression(n) ? n.expression : n, text) === holder;
  let handedOut = false;
  walk(
    cls.node.body,
    (n) => {
      if (t.isClass(n) || t.isFunctionExpression(n) || t.isFunctionDeclaration(n) || t.isObjectMethod(n)) return 'skip';
      // `return this.client`: the class hands the connection to its callers, who release it.
      if ((t.isReturnStatement(n) && isHolder(n.argument)) || (t.isArrowFunctionExpression(n) && isHolder(n.body)))
        handedOut = true;
      const call = t.isCallExpression(n) || t.isOptionalCallExpression(n) ? n : undefined;
      const callee = call?.callee;
      if (call && (t.isMemberExpression(callee) || t.isOptionalMemberExpression(callee)) && isHolder(callee.object))
        noteCall(call, memberName(callee) ?? '', driver, use);
      return undefined;
    },
    true,
  );
  return handedOut ? undefined : use;
}

/** What a function does with a connection it checked out into a local (`const client = await pool.connect()`). */
export function bindingUse(binding: Binding, driver: DriverProfile): KeptUse {
  const use: KeptUse = { released: false, errorListener: false };
  for (const ref of binding.referencePaths) {
    const member = ref.parent;
    const call = ref.parentPath?.parent;
    if ((t.isMemberExpression(member) || t.isOptionalMemberExpression(member)) && member.object === ref.node)
      if ((t.isCallExpression(call) || t.isOptionalCallExpression(call)) && call.callee === member)
        noteCall(call, memberName(member) ?? '', driver, use);
  }
  return use;
}

/** `this.prop = await pool.connect()` or `obj.prop = pool.getConnection()`: the member the checkout is stored on. */
export function storedOn(path: NodePath, text: string): string | undefined {
  const value = path.parentPath?.isAwaitExpression() ? path.parentPath : path;
  const assignment = value.parentPath;
  if (!assignment?.isAssignmentExpression() || assignment.node.right !== value.node) return undefined;
  const left = assignment.node.left;
  return t.isMemberExpression(left) ? textOf(left, text) : undefined;
}
