/**
 * Checkouts as statements: `const c = await <pool>.<acquire>()` in a
 * statement list, with the binding it creates and the driver it belongs to.
 * Shared by release-in-finally and the connections analysis (pool-monitoring).
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { ACQUIRE_METHODS, type DriverProfile } from '../../../drivers';
import { OTHER_CLIENT_MODULES } from '../../../drivers/other-clients';
import type { FileFacts } from '../facts';
import { memberName } from '../nodes';
import { type DriverId } from '../../../drivers';
import { driverForAcquire } from './driver-use';
import { textOf } from './held-section';
import { classDeclared, handsOutNothing, receiverClass } from './receiver-class';
import { fromRelativeModule, moduleOfBinding } from './pool-sites';

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
  /**
   * The receiver is an object of the project's own, imported (`instance`:
   * the import itself; `class`: an instance of an imported class), by its
   * local name: the scan says whether this method hands out a connection.
   */
  receiverImport?: { local: string; kind: 'class' | 'instance' };
}

/** `async (conn) => conn`, `function (c) { return c; }`: a callback that only hands back what it is given. */
function handsBackItsArgument(node: t.Node): boolean {
  if (!t.isArrowFunctionExpression(node) && !t.isFunctionExpression(node)) return false;
  const [param] = node.params;
  if (node.params.length !== 1 || !t.isIdentifier(param)) return false;
  const body = node.body;
  const returned = t.isBlockStatement(body)
    ? body.body.length === 1 && t.isReturnStatement(body.body[0])
      ? body.body[0].argument
      : undefined
    : body;
  return t.isIdentifier(returned) && returned.name === param.name;
}

/**
 * A `var` is the function's, not the block's: the section the release
 * would close is the block's statements after the declaration, so a `var`
 * checkout is looked at only when it is assigned nowhere else and every use
 * is among those statements (where a `const` would be, too).
 */
function usedOnlyAfterIn(binding: Binding, statement: t.VariableDeclaration, list: readonly t.Statement[]): boolean {
  const from = statement.end;
  const to = list[list.length - 1]?.end;
  if (!binding.constant || from == null || to == null) return false;
  return binding.referencePaths.every((ref) => (ref.node.start ?? -1) > from && (ref.node.end ?? Infinity) <= to);
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
    const args = call.arguments.filter((a) => !handsBackItsArgument(a));
    if (args.some((a) => t.isFunction(a))) continue;
    if (otherLibraryClient(call.callee.object, awaitPath)) continue;
    const found = driverForAcquire(method, inFile, inProject);
    if (!found) continue;
    if ((found.driver.acquireIgnoresArguments ? args : call.arguments).length > found.driver.acquireMaxArgs) continue;
    const own = receiverOwnMethod(call.callee.object, method, awaitPath, facts);
    if (own === 'skip') continue;
    const declarator = awaitPath.parentPath;
    if (!declarator?.isVariableDeclarator() || !t.isIdentifier(declarator.node.id)) continue;
    const statementPath = declarator.parentPath;
    if (!statementPath?.isVariableDeclaration()) continue;
    const statement = statementPath.node;
    if (statement.declarations.length !== 1) continue;
    const list = statementPath.container;
    if (!Array.isArray(list) || statementPath.listKey === undefined) continue;
    const binding = statementPath.scope.getBinding(declarator.node.id.name);
    if (!binding) continue;
    if (statement.kind === 'var' && !usedOnlyAfterIn(binding, statement, list as t.Statement[])) continue;
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
      ...(own ? { receiverImport: own } : {}),
    });
  }
  return acquires.sort((a, b) => (a.statement.start ?? 0) - (b.statement.start ?? 0));
}

/**
 * The receiver, or the object it is a member of, is imported straight from
 * a library of another kind (`faktory.connect()`, `MongoClient.connect()`):
 * its client is no pool's connection, whichever drivers the project uses.
 */
function otherLibraryClient(receiver: t.Expression, at: NodePath): boolean {
  let root: t.Node = receiver;
  while (t.isMemberExpression(root)) root = root.object;
  if (!t.isIdentifier(root)) return false;
  const binding = at.scope.getBinding(root.name);
  const source = binding && moduleOfBinding(binding);
  return source !== undefined && OTHER_CLIENT_MODULES.includes(source);
}

/**
 * Whose own method the checkout calls, when the receiver is a project
 * object: `skip` when this file declares its class and that method hands out
 * no connection (`this.postgresConfig.connect()` returning a memoised Pool);
 * `imported` when the class (`new PostgresConfig()`), or the instance itself
 * (`const db = require('./db')`), comes from a module of the project, which
 * the scan reads (IMPORTED_OBJECTS).
 */
function receiverOwnMethod(
  receiver: t.Expression,
  method: string,
  at: NodePath,
  facts: FileFacts,
): 'skip' | Acquire['receiverImport'] {
  const relative = (local: string) => {
    const binding = at.scope.getBinding(local);
    return !!binding && fromRelativeModule(binding);
  };
  if (t.isIdentifier(receiver) && relative(receiver.name)) return { local: receiver.name, kind: 'instance' };
  const name = receiverClass(receiver, at);
  if (!name) return undefined;
  const declared = classDeclared(facts.program.node, name);
  if (declared) return handsOutNothing(declared, method) ? 'skip' : undefined;
  return relative(name) ? { local: name, kind: 'class' } : undefined;
}
