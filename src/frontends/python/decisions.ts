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
