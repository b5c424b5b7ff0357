/**
 * Proof that a callback-style acquire, `pool.connect((err, client, done) =>
 * ...)` or `pool.getConnection((err, conn) => ...)`, releases exactly once on
 * every path, following the connection into query callbacks (a driver calls a
 * query's callback exactly once). What it cannot follow, it does not prove.
 */
import { type Node, isFunction, memberName, walkNodes } from './ast';

interface Names {
  err: string;
  client: string;
  done: string | null;
  releaseMethods: string[];
  queryMethods: string[];
}

type State = Set<number>;

/** True when every path through the callback releases the connection exactly once. */
export function releasesOnEveryPath(callback: Node, releaseMethods: string[], queryMethods: string[]): boolean {
  const [err, client, done] = callback.params;
  if (err?.type !== 'Identifier' || client?.type !== 'Identifier' || (done && done.type !== 'Identifier')) return false;
  const names: Names = { err: err.name, client: client.name, done: done?.name ?? null, releaseMethods, queryMethods };
  const exits = walkFunction(callback, new Set([0]), names);
  return exits !== null && exits.every((s) => s.size === 1 && s.has(1));
}

/** Exit states of a function body, or null when a path is not understood. */
function walkFunction(fn: Node, state: State, names: Names): State[] | null {
  const statements = fn.body.type === 'BlockStatement' ? fn.body.body : [{ type: 'ExpressionStatement', expression: fn.body }];
  const exits: State[] = [];
  const end = walkList(statements, state, names, exits);
  if (end === 'unknown') return null;
  if (end) exits.push(end);
  return exits;
}

/** Walks statements; returns the fall-through state, null if no path falls through, or 'unknown'. */
function walkList(statements: Node[], state: State, names: Names, exits: State[]): State | null | 'unknown' {
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
    const next = walkStatement(statement, state, names, exits);
    if (next === 'unknown' || next === null) return next;
    state = next;
  }
  return state;
}

function walkStatement(statement: Node, state: State, names: Names, exits: State[]): State | null | 'unknown' {
  switch (statement.type) {
    case 'BlockStatement':
      return walkList(statement.body, state, names, exits);
    case 'ReturnStatement':
      if (statement.argument && touches(statement.argument, names)) return 'unknown';
      exits.push(state);
      return null;
    case 'IfStatement': {
      if (touches(statement.test, names)) return 'unknown';
      // `if (err) return ...`: connecting failed, there is no connection to release.
      if (isErrorTest(statement.test, names.err)) {
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
    case 'ExpressionStatement':
      if (isRelease(statement.expression, names)) return new Set([...state].map((n) => Math.min(n + 1, 2)));
      return touches(statement, names) ? 'unknown' : state;
    default:
      return touches(statement, names) ? 'unknown' : state;
  }
}

/** `client.query(..., (err, res) => ...)` as a whole statement: the callback to follow. */
function queryWithCallback(statement: Node, names: Names): Node | null {
  const call = statement.type === 'ExpressionStatement' ? statement.expression : statement.type === 'ReturnStatement' ? statement.argument : null;
  if (call?.type !== 'CallExpression') return null;
  const method = memberName(call.callee);
  if (!method || !names.queryMethods.includes(method) || call.callee.object.type !== 'Identifier' || call.callee.object.name !== names.client) return null;
  const last = call.arguments[call.arguments.length - 1];
  if (!isFunction(last)) return null;
  if (call.arguments.slice(0, -1).some((a: Node) => touches(a, names))) return null;
  return last;
}

/** `done()`, `done(err)`, `client.release()`. */
function isRelease(expression: Node, names: Names): boolean {
  if (expression.type !== 'CallExpression') return false;
  const { callee } = expression;
  if (names.done && callee.type === 'Identifier' && callee.name === names.done) return !expression.arguments.some((a: Node) => touches(a, names));
  const method = memberName(callee);
  return !!method && names.releaseMethods.includes(method) && callee.object.type === 'Identifier' && callee.object.name === names.client && expression.arguments.length <= 1;
}

function isErrorTest(test: Node, err: string): boolean {
  return test.type === 'Identifier' && test.name === err;
}

function alwaysReturns(statement: Node): boolean {
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  return statement.type === 'BlockStatement' && statement.body.length > 0 && alwaysReturns(statement.body[statement.body.length - 1]);
}

/** Does the node mention the connection or its release function anywhere (nested functions included)? */
function touches(node: Node, names: Names): boolean {
  let found = false;
  walkNodes(
    node,
    (n, parent) => {
      if (n.type !== 'Identifier' || (n.name !== names.client && n.name !== names.done)) return;
      if (memberName(parent) && parent.property === n) return;
      found = true;
    },
    true,
  );
  return found;
}
