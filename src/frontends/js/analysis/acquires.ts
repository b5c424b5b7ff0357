/**
 * Checkouts as statements: `const c = await <pool>.<acquire>()` in a
 * statement list, with the binding it creates and the driver it belongs to.
 * Shared by release-in-finally and the connections analysis (pool-monitoring).
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { ACQUIRE_METHODS, type DriverProfile } from '../../../drivers';
import type { FileFacts } from '../facts';
import { memberName } from '../nodes';
import { type DriverId } from '../../../drivers';
import { driverForAcquire } from './driver-use';
import { textOf } from './held-section';

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
    if (ownClassMethod(call.callee.object, method, awaitPath)) continue;
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

/**
 * The receiver is typed as a class this file declares whose own `method`
 * hands out no connection (`this.postgresConfig.connect()` returning a
 * memoised Pool): not a checkout. A class method that itself calls
 * `.method(` may wrap a pool's checkout, so it still counts.
 */
function ownClassMethod(receiver: t.Expression, method: string, at: NodePath): boolean {
  const typeName = declaredTypeName(receiver, at);
  if (!typeName) return false;
  const program = at.findParent((p) => p.isProgram())?.node;
  if (!t.isProgram(program)) return false;
  for (const statement of program.body) {
    const declaration = t.isExportNamedDeclaration(statement) ? statement.declaration : statement;
    if (!t.isClassDeclaration(declaration) || declaration.id?.name !== typeName || declaration.superClass) continue;
    const own = declaration.body.body.find(
      (m): m is t.ClassMethod => t.isClassMethod(m) && t.isIdentifier(m.key, { name: method }),
    );
    if (!own) return false;
    let wraps = false;
    t.traverseFast(own.body, (n) => {
      if (t.isCallExpression(n) && t.isMemberExpression(n.callee) && memberName(n.callee) === method) wraps = true;
    });
    return !wraps;
  }
  return false;
}

/** The name of the type a receiver is declared with: `this.x` (a field or a constructor parameter property), or a variable or parameter. */
function declaredTypeName(receiver: t.Expression, at: NodePath): string | undefined {
  let annotation: t.Node | null | undefined;
  if (t.isMemberExpression(receiver) && t.isThisExpression(receiver.object) && t.isIdentifier(receiver.property)) {
    const name = receiver.property.name;
    const cls = at.findParent((p) => p.isClassBody())?.node;
    if (!t.isClassBody(cls)) return undefined;
    for (const member of cls.body) {
      if (t.isClassProperty(member) && t.isIdentifier(member.key, { name })) annotation = member.typeAnnotation;
      if (t.isClassMethod(member) && member.kind === 'constructor')
        for (const param of member.params)
          if (t.isTSParameterProperty(param) && t.isIdentifier(param.parameter, { name }))
            annotation = param.parameter.typeAnnotation;
    }
  } else if (t.isIdentifier(receiver)) {
    const id = at.scope.getBinding(receiver.name)?.identifier;
    annotation = id?.typeAnnotation;
  }
  const type = t.isTSTypeAnnotation(annotation) ? annotation.typeAnnotation : undefined;
  return t.isTSTypeReference(type) && t.isIdentifier(type.typeName) ? type.typeName.name : undefined;
}
