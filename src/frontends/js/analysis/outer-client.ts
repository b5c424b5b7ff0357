/**
 * A connection the tool does not rewrite, because a callback makes it
 * (`let client; await retry(async () => { client = new Client(); await
 * client.connect() })`) or a factory of the file returns it (`const client =
 * await getPostgresClient()`), is still read where the function that holds
 * it uses it: what that function waits on while it is connected, and whether
 * its `end()` runs when something throws. Without this the refusal would be
 * all a user hears about such code.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FileFacts } from '../facts';
import { memberName } from '../nodes';
import { type HeldWait, filePools, heldBy, heldWaits, plainIoContext } from './work';

export interface OuterClientUse {
  /** The first I/O or thread-pool work awaited between the callback that connects and the `end()`. */
  wait?: HeldWait;
  /** An `end()` that is not in a `finally`: a throw before it leaves the connection open. */
  endOutsideFinally?: t.CallExpression | t.OptionalCallExpression;
}

/** How the function that declares `binding` uses the connection its callback made (`ends`: the driver's closing methods). */
export function outerClientUse(binding: Binding, facts: FileFacts, ends: readonly string[]): OuterClientUse {
  const fn = binding.scope.getFunctionParent()?.path;
  if (!fn?.isFunction() || !t.isBlockStatement(fn.node.body)) return {};
  const body: t.Statement[] = fn.node.body.body;
  const topOf = (ref: NodePath) => body.findIndex((s) => ref.findParent((q) => q.node === s) !== null);
  // `client.end()`, `client?.end()`, `client!.end()`.
  const endCalls = binding.referencePaths.flatMap((ref) => {
    const object = ref.parentPath?.isTSNonNullExpression() ? ref.parentPath : ref;
    const member = object.parentPath;
    const call = member?.parentPath;
    const isMember = member?.isMemberExpression({ object: object.node }) || member?.isOptionalMemberExpression();
    return isMember &&
      ends.includes(memberName(member.node) ?? '') &&
      (call?.isCallExpression({ callee: member.node }) || call?.isOptionalCallExpression({ callee: member.node })) &&
      call.getFunctionParent() === fn
      ? [call]
      : [];
  });
  // Where it is connected: assigned (a callback sets the outer variable), or declared with it (`const c = await makeClient()`).
  const declared = binding.path.isVariableDeclarator() && binding.path.node.init ? [topOf(binding.path)] : [];
  const connects = [...binding.constantViolations.map(topOf), ...declared].filter((i) => i >= 0);
  if (endCalls.length === 0 || connects.length === 0) return {};
  const from = Math.min(...connects);
  const to = Math.max(...endCalls.map(topOf));
  const held = body.slice(from + 1, to >= 0 ? to + 1 : body.length);
  const io = plainIoContext(facts);
  const wait = heldWaits(held, heldBy(binding, filePools(facts)), io, fn.scope).find(
    (w) => w.kind === 'io' || w.kind === 'thread-pool',
  );
  const outside = endCalls.find((call) => !inFinally(call));
  return { ...(wait ? { wait } : {}), ...(outside ? { endOutsideFinally: outside.node } : {}) };
}

function inFinally(path: NodePath): boolean {
  return (
    path.findParent((p) => {
      const parent = p.parentPath;
      return p.isBlockStatement() && !!parent?.isTryStatement() && parent.node.finalizer === p.node;
    }) !== null
  );
}
