/**
 * The text a Python expression is known to hold: a string literal (an
 * f-string only without interpolations), literals joined by adjacency, or a
 * module-level name bound to one (`QUERY = "SELECT ..."`). Used wherever SQL
 * is read (session state, schema setup, PgBouncer).
 */
import type { Node } from 'web-tree-sitter';
import type { PyFacts } from '../facts';
import { meaningOf } from '../names';

export function literalText(node: Node, facts: PyFacts): string | undefined {
  if (node.type === 'string') {
    if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
    return node.namedChildren
      .filter((c): c is Node => c?.type === 'string_content')
      .map((c) => c.text)
      .join('');
  }
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((c) => (c ? literalText(c, facts) : undefined));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type === 'identifier' && meaningOf(node.text, null, facts).kind === 'module') {
    const value = facts.moduleValues.get(node.text);
    return value ? literalText(value, facts) : undefined;
  }
  return undefined;
}
