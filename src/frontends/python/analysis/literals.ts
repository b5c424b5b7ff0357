/**
 * The text a Python expression is known to hold: a string literal (an
 * f-string only without interpolations), literals joined by adjacency, a
 * module-level name bound to one (`QUERY = "SELECT ..."`), or, given the
 * function it is read in, a local that function binds once to one before
 * the read. Used wherever SQL is read (session state, schema setup,
 * PgBouncer).
 */
import type { Node } from 'web-tree-sitter';
import type { PyFacts, PyFunction } from '../facts';
import { aliasValue, meaningOf } from '../names';

export function literalText(node: Node, facts: PyFacts, fn: PyFunction | null = null): string | undefined {
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
  // A local of `fn` bound once to what it holds, before this use (`query = "..."` then `cur.execute(query)`).
  if (node.type === 'identifier' && fn && meaningOf(node.text, fn, facts).kind === 'local') {
    const value = aliasValue(node.text, fn, node, facts);
    return value ? literalText(value, facts, fn) : undefined;
  }
  if (node.type === 'identifier' && meaningOf(node.text, null, facts).kind === 'module') {
    const value = facts.moduleValues.get(node.text);
    return value ? literalText(value, facts) : undefined;
  }
  return undefined;
}
