/**
 * How a Python gate says where and what: a node's span, and a decision to
 * report one message at a node.
 */
import type { Node } from 'web-tree-sitter';
import type { Span } from '../../core/edits';
import type { Decision } from '../../core/types';

export function spanOf(node: Node): Span {
  return { start: node.startIndex, end: node.endIndex };
}

export function reportAt<Id extends string>(
  messageId: Id,
  node: Node,
  data: Record<string, string | number> = {},
): Decision<never, Id> {
  return { kind: 'report', report: { messageId, at: spanOf(node), data } };
}

/** Longer than this, quoted code would bury the message it sits in. */
const QUOTE_LIMIT = 60;

/**
 * A node's code as a message quotes it: as written when it is one short
 * line; a call spread over lines (`conninfo.make_conninfo(` and nine
 * keyword lines) as `conninfo.make_conninfo(...)`; anything else long, its
 * first line cut with an ellipsis. The finding's line and column point at
 * the whole of it.
 */
export function quoted(node: Node): string {
  const text = node.text;
  if (!text.includes('\n') && text.length <= QUOTE_LIMIT) return text;
  const callee = node.type === 'call' ? node.childForFieldName('function')?.text : undefined;
  if (callee && !callee.includes('\n') && callee.length <= QUOTE_LIMIT) return `${callee}(...)`;
  return `${text.split('\n')[0].slice(0, QUOTE_LIMIT).trimEnd()}...`;
}
