/**
 * One-shot scripts: a migration, a seed or a cron job that connects, does
 * its work and ends, once per process. A client of its own is right there
 * (a pool would only keep the process alive), so it is not a per-call client
 * and gets no finding. A client counts as one-shot when it is ended and is
 * made either at module level, or in a function the module itself calls
 * once at top level (`main()`, `main().catch(...)`, `void main()`, an
 * immediately called function) and does not export.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { type DriverProfile, EVENT_METHODS } from '../../../drivers';
import { SQL_SCHEMA, SQL_SESSION } from '../../../drivers/sql';
import { memberName, sqlText } from '../nodes';

/** Is the connection ended (`end()`, `destroy()`) somewhere? */
function ended(binding: Binding, driver: DriverProfile): boolean {
  const ends = driver.perCallClient?.end ?? ['end'];
  return binding.referencePaths.some((ref) => ends.includes(memberName(ref.parent) ?? ''));
}

/** The statement of the program body holding `path`, if `path` is not inside any function. */
function atTopLevel(path: NodePath): boolean {
  return path.getFunctionParent() === null;
}

/**
 * `main()`, `await main()`, `main().catch(...)`, `void main()`: a call of
 * `name` that is part of a top-level statement, and not in a loop there
 * (`for (const url of urls) start(url)` runs it once per turn).
 */
function calledOnceAtTopLevel(binding: Binding): boolean {
  const refs = binding.referencePaths;
  if (refs.length !== 1) return false;
  const ref = refs[0];
  return (
    ref.parentPath?.isCallExpression() === true &&
    ref.parentPath.node.callee === ref.node &&
    atTopLevel(ref) &&
    ref.findParent((p) => p.isLoop()) === null
  );
}

function isExported(path: NodePath): boolean {
  return path.findParent((p) => p.isExportNamedDeclaration() || p.isExportDefaultDeclaration()) !== null;
}

/** The function a client (or pool) is made in runs once per process: `main()` called once at top level, or an IIFE. */
export function runsOnce(fn: NodePath<t.Function>): boolean {
  if (fn.getFunctionParent() !== null) return false;
  // (async () => { ... })()
  if (fn.parentPath.isCallExpression() && fn.parentPath.node.callee === fn.node) return true;
  if (isExported(fn)) return false;
  const id = fn.isFunctionDeclaration()
    ? fn.node.id
    : fn.parentPath.isVariableDeclarator()
      ? fn.parentPath.node.id
      : null;
  if (!t.isIdentifier(id)) return false;
  const binding = fn.scope.parent?.getBinding(id.name) ?? fn.scope.getBinding(id.name);
  return binding !== undefined && !isExported(binding.path) && calledOnceAtTopLevel(binding);
}

export function isOneShot(binding: Binding, driver: DriverProfile): boolean {
  if (!ended(binding, driver)) return false;
  const fn = binding.path.getFunctionParent();
  return fn === null || runsOnce(fn);
}

/**
 * A connection (or pool) made to set the schema up: every use is a call on
 * it, each query a literal schema statement (`CREATE TABLE IF NOT EXISTS
 * ...`), the rest its connect, a listener, and the end it is given. A
 * migrate() or initDb() runs once when the program or its migrate command
 * starts, whatever module exports it: a shared pool would only outlive it.
 */
export function schemaSetupOnly(binding: Binding, driver: DriverProfile): boolean {
  const ends = driver.perCallClient?.end ?? ['end'];
  let queries = 0;
  let end = false;
  for (const ref of binding.referencePaths) {
    const member = ref.parentPath;
    const call = member?.parentPath;
    const method = memberName(ref.parent);
    if (!method || !member?.isMemberExpression() || member.node.object !== ref.node) return false;
    if (!call?.isCallExpression() || call.node.callee !== member.node) return false;
    if (driver.queryMethods.includes(method)) {
      const sql = sqlText(call.node.arguments[0]);
      if (sql === undefined || !SQL_SCHEMA.test(sql) || SQL_SESSION.test(sql)) return false;
      queries++;
    } else if (ends.includes(method)) end = true;
    else if (method !== 'connect' && !EVENT_METHODS.includes(method)) return false;
  }
  return queries > 0 && end;
}
