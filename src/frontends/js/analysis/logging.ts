/**
 * Log lines: `console.error(...)`, `logger.warn(...)`, `log(...)`. A
 * statement that only logs changes nothing a rewrite has to keep in order
 * with the connection: one beside a release in a finally can stay there
 * when the section around it changes shape.
 */
import * as t from '@babel/types';
import { memberName } from '../nodes';

const LOG_METHODS = new Set(['log', 'error', 'warn', 'info', 'debug', 'trace', 'fatal']);

/** A call that only writes a log line. */
function isLogCall(node: t.Node): boolean {
  if (!t.isCallExpression(node)) return false;
  const callee = node.callee;
  if (t.isIdentifier(callee)) return /log/i.test(callee.name);
  return t.isMemberExpression(callee) && LOG_METHODS.has(memberName(callee) ?? '');
}

/** A statement that is one log call. */
export function isLogStatement(statement: t.Statement): boolean {
  return t.isExpressionStatement(statement) && isLogCall(statement.expression);
}
