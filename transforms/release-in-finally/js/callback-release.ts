/**
 * Proof that a callback-style acquire, `pool.connect((err, client, done) =>
 * ...)` or `pool.getConnection((err, conn) => ...)`, releases exactly once on
 * every path, following the connection into query callbacks (a driver calls a
 * query's callback exactly once). What it cannot follow, it does not prove.
 */
import * as t from '@babel/types';
import { isReference, memberName, walk } from '../../../src/frontends/js/nodes';
import { CALLBACK_ACQUIRE_ARGS } from '../../../src/drivers';

interface Names {
  err: string;
  client: string;
  done: string | null;
  releaseMethods: string[];
  queryMethods: string[];
}

type State = Set<number>;
type Walked = State | null | 'unknown';

/**
 * Where the callback's parameters are: `(err, client, done)` for a library's
 * callback acquire; `(client)` for a project wrapper that hands over the
 * connection alone (`err: null`, no `done`).
 */
interface Shape {
  err: number | null;
  client: number;
}

/** True when every path through the callback releases the connection exactly once. */
export function releasesOnEveryPath(
  callback: t.Function,
  releaseMethods: string[],
  queryMethods: string[],
  shape: Shape = CALLBACK_ACQUIRE_ARGS,
): boolean {
  const err = shape.err === null ? null : callback.params[shape.err];
  const client = callback.params[shape.client];
  const done = shape.err === null ? undefined : callback.params[shape.client + 1];
  if ((err !== null && !t.isIdentifier(err)) || !t.isIdentifier(client) || (done && !t.isIdentifier(done)))
    return false;
  const names: Names = {
    err: t.isIdentifier(err) ? err.name : '',
    client: client.name,
    done: t.isIdentifier(done) ? done.name : null,
    releaseMethods,
    queryMethods,
  };
  const exits = walkFunction(callback, new Set([0]), names);
  return exits !== null && exits.every((s) => s.size === 1 && s.has(1));
}

/** Exit states of a function body, or null when a path is not understood. */
function walkFunction(fn: t.Function, state: State, names: Names): State[] | null {
  const statements: t.Statement[] = t.isBlockStatement(fn.body) ? fn.body.body : [t.expressionStatement(fn.body)];
  const exits: State[] = [];
  const end = walkList(statements, state, names, exits);
  if (end === 'unknown') return null;
  if (end) exits.push(end);
  return exits;
}

/** Walks statements; returns the fall-through state, null if no path falls through, or 'unknown'. */
function walkList(statements: t.Statement[], state: State, names: Names, exits: State[]): Walked {
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i];
    const handOver = queryWithCallback(statement, names);
    if (handOver) {
      // The rest of this list runs before the query callback: it must not touch the connection.
      if (statements.slice(i + 1).some((s) => touches(s, names))) return 'unknown';
      const inner = walkFunction(handOver, state, names);
      if (inner === null) return 'unknown';
      exits.push(...inner);
      return null;
    }
    if (errorBranch(statement, names) && !statements.slice(i + 1).some((s) => touches(s, names))) {
      // `if (err) { log(err) } else { ...; done() }`: that branch has no connection to give back, and nothing
      // after the `if` touches one; the other branch goes on as any path does.
      exits.push(new Set([1]));
      const next = statement.alternate ? walkStatement(statement.alternate, state, names, exits) : state;
      if (next === 'unknown' || next === null) return next;
      state = next;
      continue;
    }
    const next = walkStatement(statement, state, names, exits);
    if (next === 'unknown' || next === null) return next;
    state = next;
  }
  return state;
}

/** `if (err) { ... }` whose branch does not end the callback and never touches the connection. */
function errorBranch(statement: t.Statement, names: Names): statement is t.IfStatement {
  return (
    t.isIfStatement(statement) &&
    names.err !== '' &&
    t.isIdentifier(statement.test, { name: names.err }) &&
    !alwaysReturns(statement.consequent) &&
    !touches(statement.consequent, names)
  );
}

function walkStatement(statement: t.Statement, state: State, names: Names, exits: State[]): Walked {
  if (t.isBlockStatement(statement)) return walkList(statement.body, state, names, exits);
  if (t.isReturnStatement(statement)) {
    if (statement.argument && touches(statement.argument, names)) return 'unknown';
    exits.push(state);
    return null;
  }
  if (t.isIfStatement(statement)) {
    if (touches(statement.test, names)) return 'unknown';
    // `if (err) return ...`: connecting failed, there is no connection to release.
    if (t.isIdentifier(statement.test, { name: names.err })) {
      if (!alwaysReturns(statement.consequent)) return 'unknown';
      return statement.alternate ? walkStatement(statement.alternate, state, names, exits) : state;
    }
    const yes = walkStatement(statement.consequent, state, names, exits);
    const no = statement.alternate ? walkStatement(statement.alternate, state, names, exits) : state;
    if (yes === 'unknown' || no === 'unknown') return 'unknown';
    if (yes === null) return no;
    if (no === null) return yes;
    return new Set([...yes, ...no]);
  }
  // The process ends here, and every connection with it: the path neither leaks nor releases twice.
  if (endsProcess(statement)) return null;
  if (t.isExpressionStatement(statement)) {
    if (isRelease(statement.expression, names)) return new Set([...state].map((n) => Math.min(n + 1, 2)));
    return touches(statement, names) ? 'unknown' : state;
  }
  return touches(statement, names) ? 'unknown' : state;
}

/** `client.query(..., (err, res) => ...)` as a whole statement: the callback to follow. */
function queryWithCallback(statement: t.Statement, names: Names): t.Function | null {
  const call = t.isExpressionStatement(statement)
    ? statement.expression
    : t.isReturnStatement(statement)
      ? statement.argument
      : null;
  if (!t.isCallExpression(call)) return null;
  const method = memberName(call.callee);
  if (
    !method ||
    !names.queryMethods.includes(method) ||
    !t.isMemberExpression(call.callee) ||
    !t.isIdentifier(call.callee.object, { name: names.client })
  )
    return null;
  const last = call.arguments[call.arguments.length - 1];
  if (!t.isFunction(last)) return null;
  if (call.arguments.slice(0, -1).some((a) => touches(a, names))) return null;
  return last;
}

/** `done()`, `done(err)`, `client.release()`. */
function isRelease(expression: t.Expression, names: Names): boolean {
  if (!t.isCallExpression(expression)) return false;
  const { callee } = expression;
  if (names.done && t.isIdentifier(callee, { name: names.done }))
    return !expression.arguments.some((a) => touches(a, names));
  const method = memberName(callee);
  return (
    !!method &&
    names.releaseMethods.includes(method) &&
    t.isMemberExpression(callee) &&
    t.isIdentifier(callee.object, { name: names.client }) &&
    expression.arguments.length <= 1
  );
}

function alwaysReturns(statement: t.Statement): boolean {
  if (t.isReturnStatement(statement) || t.isThrowStatement(statement) || endsProcess(statement)) return true;
  return (
    t.isBlockStatement(statement) &&
    statement.body.length > 0 &&
    alwaysReturns(statement.body[statement.body.length - 1])
  );
}

/** `process.exit(...)` as a statement (a script's error path): nothing after it runs. */
function endsProcess(statement: t.Statement): boolean {
  return (
    t.isExpressionStatement(statement) &&
    t.isCallExpression(statement.expression) &&
    t.isMemberExpression(statement.expression.callee) &&
    t.isIdentifier(statement.expression.callee.object, { name: 'process' }) &&
    t.isIdentifier(statement.expression.callee.property, { name: 'exit' }) &&
    !statement.expression.callee.computed
  );
}

/** Does the node mention the connection or its release function anywhere (nested functions included)? */
function touches(node: t.Node, names: Names): boolean {
  let found = false;
  walk(
    node,
    (n, parent) => {
      if (found) return 'skip';
      found = t.isIdentifier(n) && (n.name === names.client || n.name === names.done) && isReference(n, parent);
      return undefined;
    },
    true,
  );
  return found;
}
