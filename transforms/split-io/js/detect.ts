/**
 * Candidate sites: held sections in either safe shape, `const c = await
 * pool.connect(); try { ... } finally { c.release() }` and `withClient(pool,
 * async (c) => { ... })` (as release-in-finally writes them, or as written
 * by hand).
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { isConnection, textOf } from '../../../src/frontends/js/analysis/held-section';
import type { JsContext } from '../../../src/frontends/js/context';
import { DRIVERS, type DriverProfile } from '../../../src/drivers';
import { contains, endOf, memberName, startOf } from '../../../src/frontends/js/nodes';
import { isLogStatement } from '../../../src/frontends/js/analysis/logging';

export interface SectionBase {
  client: string;
  /** The connection's binding: the acquire's declarator, or the callback's parameter. */
  binding: Binding;
  pool: t.Expression;
  poolText: string;
  driver: DriverProfile;
  body: t.Statement[];
  /** The statement list holding the section, and the section's own statements in it. */
  list: t.Statement[];
  statements: t.Statement[];
  /** The path of the section's first statement (scopes, names around it). */
  path: NodePath<t.Statement>;
}

export interface TrySection extends SectionBase {
  kind: 'try';
  acquire: t.VariableDeclaration;
  tryStatement: t.TryStatement & { finalizer: t.BlockStatement };
  /** The try has a catch (usually a ROLLBACK): reported on, never restructured. */
  hasCatch: boolean;
  /**
   * Statements between the checkout and the try that neither use the
   * connection nor wait or leave (a log line, a destructuring of the
   * request): the checkout moves down past them before anything else.
   */
  lead: t.Statement[];
  /** Log lines in the finally beside the release (node-postgres' documented shape logs there). */
  finallyLogs: t.Statement[];
}

export interface HelperSection extends SectionBase {
  kind: 'helper';
  /** `return withClient(...)`, `await withClient(...);` or `withClient(...);`. */
  statement: t.ReturnStatement | t.ExpressionStatement;
  call: t.CallExpression;
  callback: t.ArrowFunctionExpression | t.FunctionExpression;
  block: t.BlockStatement;
  hasCatch: false;
}

export type Section = TrySection | HelperSection;

/**
 * A checkout whose release is not in a finally yet (`const c = await
 * pool.connect(); ...; c.release();`): what it waits on while held is
 * reported, and nothing moves until release-in-finally has made it a safe
 * section (`run all` applies that first).
 */
export interface OpenSection {
  kind: 'open';
  client: string;
  binding: Binding;
  /** The statements after the acquire, through the last one that uses the connection. */
  body: t.Statement[];
  acquire: t.VariableDeclaration;
}

export type Site = Section | OpenSection;

/** Sections, the last first: an inner section settles before the one around it; then open checkouts. */
export function detect(ctx: JsContext): Site[] {
  const found: Section[] = [];
  for (const p of ctx.facts.tries) {
    const section = trySection(p, ctx.text);
    if (section) found.push(section);
  }
  for (const p of ctx.facts.calls) {
    const section = helperSection(p, ctx.text);
    if (section) found.push(section);
  }
  const safe = new Set(found.flatMap((s) => (s.kind === 'try' ? [s.acquire] : [])));
  const open = ctx.facts.calls.flatMap((p) => openSection(p, safe) ?? []);
  return [...found.sort((a, b) => (b.statements[0].start ?? 0) - (a.statements[0].start ?? 0)), ...open];
}

/** `const c = await pool.connect()` in a statement list, not the acquire of a safe section, with every use of `c` after it in that list. */
function openSection(
  p: NodePath<t.CallExpression | t.OptionalCallExpression>,
  safe: ReadonlySet<t.Statement>,
): OpenSection | undefined {
  const call = p.node;
  const method = memberName(call.callee);
  if (!t.isCallExpression(call) || call.arguments.length !== 0 || !DRIVERS.some((d) => d.acquire === method)) return;
  const declarator = p.parentPath?.isAwaitExpression() ? p.parentPath.parentPath : null;
  if (!declarator?.isVariableDeclarator() || !t.isIdentifier(declarator.node.id)) return;
  const statementPath = declarator.parentPath;
  if (!statementPath?.isVariableDeclaration() || statementPath.node.declarations.length !== 1) return;
  if (safe.has(statementPath.node) || !Array.isArray(statementPath.container)) return;
  const list = statementPath.container as t.Statement[];
  const index = list.indexOf(statementPath.node);
  const binding = statementPath.scope.getBinding(declarator.node.id.name);
  if (!binding || binding.constantViolations.length > 0) return;
  const holder = (ref: NodePath) => list.findIndex((s, i) => i > index && ref.findParent((q) => q.node === s) !== null);
  const at = binding.referencePaths.map(holder);
  // A use outside this list (the connection stored, returned from a callback): not a section this can read.
  if (at.length === 0 || at.some((i) => i < 0)) return;
  return {
    kind: 'open',
    client: declarator.node.id.name,
    binding,
    body: list.slice(index + 1, Math.max(...at) + 1),
    acquire: statementPath.node,
  };
}

function trySection(p: NodePath<t.TryStatement>, text: string): TrySection | undefined {
  const tryStatement = p.node;
  const list = p.container;
  if (!tryStatement.finalizer || !Array.isArray(list) || p.listKey === undefined) return undefined;
  const statements = list as t.Statement[];
  const at = statements.indexOf(tryStatement);
  const acquireAt = acquireBefore(statements, at);
  const acquire = statements[acquireAt];
  const call = t.isVariableDeclaration(acquire) ? acquireCall(acquire) : undefined;
  if (!t.isVariableDeclaration(acquire) || !call || !t.isMemberExpression(call.callee) || call.arguments.length !== 0)
    return undefined;
  const declarator = acquire.declarations[0];
  const driver = DRIVERS.find((d) => d.acquire === memberName(call.callee));
  if (!driver || !t.isIdentifier(declarator.id)) return undefined;
  const client = declarator.id.name;
  const [release, ...finallyLogs] = tryStatement.finalizer.body;
  if (!release || !isRelease(release, client, driver) || !finallyLogs.every(isLogStatement)) return undefined;
  const acquirePath = p.getSibling(acquireAt) as NodePath<t.Statement>;
  const binding = acquirePath.scope.getBinding(client);
  if (!binding) return undefined;
  const lead = statements.slice(acquireAt + 1, at);
  const refs = binding.referencePaths.map((r) => r.node);
  if ([...lead, ...finallyLogs].some((s) => refs.some((r) => startOf(r) >= startOf(s) && endOf(r) <= endOf(s))))
    return undefined;
  const pool = call.callee.object;
  return {
    kind: 'try',
    client,
    binding,
    pool,
    poolText: textOf(pool, text),
    driver,
    body: tryStatement.block.body,
    list: statements,
    statements: [acquire, ...lead, tryStatement],
    path: acquirePath,
    acquire,
    tryStatement: tryStatement as TrySection['tryStatement'],
    hasCatch: !!tryStatement.handler,
    lead,
    finallyLogs,
  };
}

/** How far back a checkout may sit above its try, past statements that only log or name values. */
const MAX_LEAD = 4;

/**
 * The index of the statement a try's checkout may be: the one right before
 * it, or one a few statements up when those between neither wait, leave nor
 * declare anything but values (`console.log(...)`, `const { id } =
 * req.params`). Whether they use the connection is checked once it is known.
 */
function acquireBefore(statements: readonly t.Statement[], at: number): number {
  let i = at - 1;
  while (i > 0 && at - i <= MAX_LEAD && isLeadStatement(statements[i])) {
    const above = statements[i - 1];
    if (t.isVariableDeclaration(above) && acquireCall(above)) return i - 1;
    i--;
  }
  return at - 1;
}

function isLeadStatement(statement: t.Statement): boolean {
  const simple =
    (t.isVariableDeclaration(statement) && statement.kind !== 'var') ||
    (t.isExpressionStatement(statement) && t.isCallExpression(statement.expression));
  return simple && !contains(statement, (n) => t.isAwaitExpression(n) || t.isYieldExpression(n));
}

/** `const c = await x.<acquire>()`: the call, when the declaration is one. */
function acquireCall(declaration: t.VariableDeclaration): t.CallExpression | undefined {
  const init = declaration.declarations.length === 1 ? declaration.declarations[0].init : null;
  const call = t.isAwaitExpression(init) ? init.argument : null;
  return t.isCallExpression(call) && DRIVERS.some((d) => d.acquire === memberName(call.callee)) ? call : undefined;
}

/** The driver each helper name stands for (the last driver naming it wins, as drivers share `withConnection`). */
const HELPER_DRIVERS = new Map(DRIVERS.map((d) => [d.helperName, d]));

function helperSection(
  p: NodePath<t.CallExpression | t.OptionalCallExpression>,
  text: string,
): HelperSection | undefined {
  const call = p.node;
  if (!t.isCallExpression(call) || !t.isIdentifier(call.callee)) return undefined;
  const driver = HELPER_DRIVERS.get(call.callee.name);
  const [pool, callback] = call.arguments;
  if (!driver || call.arguments.length !== 2 || !t.isExpression(pool)) return undefined;
  if (
    !(t.isArrowFunctionExpression(callback) || t.isFunctionExpression(callback)) ||
    !callback.async ||
    !t.isIdentifier(callback.params[0])
  )
    return undefined;
  if (!t.isBlockStatement(callback.body)) return undefined;
  let holder: NodePath = p;
  if (holder.parentPath?.isAwaitExpression()) holder = holder.parentPath;
  const statementPath = holder.parentPath;
  if (!statementPath || !(statementPath.isReturnStatement() || statementPath.isExpressionStatement())) return undefined;
  if (!Array.isArray(statementPath.container) || statementPath.listKey === undefined) return undefined;
  const client = callback.params[0].name;
  const callbackPath = p.get('arguments.1') as NodePath;
  const binding = callbackPath.scope.getBinding(client);
  if (!binding) return undefined;
  return {
    kind: 'helper',
    client,
    binding,
    pool,
    poolText: textOf(pool, text),
    driver,
    body: callback.body.body,
    list: statementPath.container as t.Statement[],
    statements: [statementPath.node],
    path: statementPath,
    statement: statementPath.node,
    call,
    callback,
    block: callback.body,
    hasCatch: false,
  };
}

/** `c.release()` on the section's client, or `pool.release(c)` for drivers that release through the pool. */
function isRelease(statement: t.Statement, client: string, driver: DriverProfile): boolean {
  if (!t.isExpressionStatement(statement) || !t.isCallExpression(statement.expression)) return false;
  const call = statement.expression;
  const method = memberName(call.callee);
  if (!t.isMemberExpression(call.callee)) return false;
  const callee = call.callee;
  return driver.release.some((r) =>
    r.on === 'client'
      ? r.method === method && isConnection(callee.object, client, driver) && call.arguments.length === 0
      : r.method === method && call.arguments.length === 1 && t.isIdentifier(call.arguments[0], { name: client }),
  );
}
