/**
 * Checkouts as statements: `const c = await <pool>.<acquire>()` in a
 * statement list, with the binding it creates and the driver it belongs to.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { ACQUIRE_METHODS, type DriverProfile } from '../../../src/drivers';
import type { FileFacts } from '../../../src/frontends/js/facts';
import { memberName } from '../../../src/frontends/js/nodes';
import { type DriverId } from '../../../src/drivers';
import { driverForAcquire } from '../../../src/frontends/js/analysis/driver-use';
import { textOf } from '../../../src/frontends/js/analysis/held-section';

export interface Acquire {
  statement: t.VariableDeclaration;
  path: NodePath<t.VariableDeclaration>;
  /** The statement list holding it. */
  list: t.Statement[];
  index: number;
  client: string;
  binding: Binding;
  call: t.CallExpression;
  /** The expression the connection came from (`pool`, `this.pool`, `pool.promise()`). */
  target: t.Expression;
  targetText: string;
  driver: DriverProfile;
  driverProven: boolean;
}

/** Every acquire statement in the file, in source order. */
export function findAcquires(
  facts: FileFacts,
  text: string,
  inFile: Set<DriverId>,
  inProject: Set<DriverId>,
): Acquire[] {
  const acquires: Acquire[] = [];
  for (const awaitPath of facts.awaits) {
    const call = awaitPath.node.argument;
    if (!t.isCallExpression(call) || !t.isMemberExpression(call.callee)) continue;
    const method = memberName(call.callee);
    if (!method || !ACQUIRE_METHODS.includes(method)) continue;
    if (call.arguments.some((a) => t.isFunction(a))) continue;
    const found = driverForAcquire(method, inFile, inProject);
    if (!found || call.arguments.length > found.driver.acquireMaxArgs) continue;
    const declarator = awaitPath.parentPath;
    if (!declarator?.isVariableDeclarator() || !t.isIdentifier(declarator.node.id)) continue;
    const statementPath = declarator.parentPath;
    if (!statementPath?.isVariableDeclaration()) continue;
    const statement = statementPath.node;
    if (statement.declarations.length !== 1 || statement.kind === 'var') continue;
    const list = statementPath.container;
    if (!Array.isArray(list) || statementPath.listKey === undefined) continue;
    const binding = statementPath.scope.getBinding(declarator.node.id.name);
    if (!binding) continue;
    acquires.push({
      statement,
      path: statementPath,
      list: list as t.Statement[],
      index: list.indexOf(statement),
      client: declarator.node.id.name,
      binding,
      call,
      target: call.callee.object,
      targetText: textOf(call.callee.object, text),
      driver: found.driver,
      driverProven: found.proven,
    });
  }
  return acquires.sort((a, b) => (a.statement.start ?? 0) - (b.statement.start ?? 0));
}
