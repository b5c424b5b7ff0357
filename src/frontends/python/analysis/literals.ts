/**
 * The text a Python expression is known to hold: a string literal (an
 * f-string only without interpolations), literals joined by adjacency, a
 * module-level name bound to one (`QUERY = "SELECT ..."`), or, given the
 * function it is read in, a local that function binds once to one before
 * the read. `sqlText` reads SQL further, as the JavaScript front end reads
 * a template literal: its known pieces, with what is interpolated unknown.
 */
import type { Node } from 'web-tree-sitter';
import { joinPieces, statementKnown } from '../../../drivers/sql';
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

/**
 * The SQL a query argument is known to hold, with each value the tool cannot
 * read as a space, when what is known still shows the kind of statement
 * (`statementKnown`): a literal, an f-string, `"..." % args`,
 * `"...".format(...)` and `"..." + x`. Used wherever SQL is read (session
 * state, schema setup, PgBouncer, statement timeouts).
 */
export function sqlText(node: Node, facts: PyFacts, fn: PyFunction | null = null): string | undefined {
  const parts = sqlParts(node, facts, fn);
  return parts && statementKnown(parts) ? parts.join(' ') : undefined;
}

/** The literal pieces of a string expression, split where a value the tool cannot read goes. */
function sqlParts(node: Node, facts: PyFacts, fn: PyFunction | null): string[] | undefined {
  const known = literalText(node, facts, fn);
  if (known !== undefined) return [known];
  switch (node.type) {
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c !== null && c.type !== 'comment');
      return inner ? sqlParts(inner, facts, fn) : undefined;
    }
    case 'string':
      return fStringParts(node);
    case 'concatenated_string': {
      const pieces = node.namedChildren.map((c) => (c ? sqlParts(c, facts, fn) : undefined));
      return pieces.every((p) => p !== undefined) ? pieces.reduce(joinPieces) : undefined;
    }
    case 'binary_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const operator = node.childForFieldName('operator')?.type;
      const head = left ? sqlParts(left, facts, fn) : undefined;
      if (!head) return undefined;
      // `"... %s ..." % args`: the text as written, its placeholders the unknown values.
      if (operator === '%') return head.flatMap((p) => splitFields(p, PERCENT_FIELD));
      if (operator === '+') return joinPieces(head, (right && sqlParts(right, facts, fn)) ?? ['', '']);
      return undefined;
    }
    case 'call': {
      // `"... {} ...".format(...)`: the same, with `{...}` fields.
      const callee = node.childForFieldName('function');
      const receiver = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
      if (!receiver || callee?.childForFieldName('attribute')?.text !== 'format') return undefined;
      const head = sqlParts(receiver, facts, fn);
      return head?.flatMap((p) => splitFields(p, FORMAT_FIELD));
    }
    default:
      return undefined;
  }
}

/** A `%` conversion (`%s`, `%(name)s`, `%5.2f`), or `%%`, which stands for `%`. */
const PERCENT_FIELD = /%%|%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[a-zA-Z]/g;
/** A `str.format` field (`{}`, `{0}`, `{name!r:>10}`), or `{{` and `}}`, which stand for one brace. */
const FORMAT_FIELD = /\{\{|\}\}|\{[^{}]*\}/g;

/** A format string's text pieces around its fields; a doubled `%`, `{` or `}` is one character of text. */
function splitFields(text: string, fields: RegExp): string[] {
  const parts = [''];
  let from = 0;
  for (const m of text.matchAll(fields)) {
    parts[parts.length - 1] += text.slice(from, m.index);
    if (m[0] === '%%' || m[0] === '{{' || m[0] === '}}') parts[parts.length - 1] += m[0][0];
    else parts.push('');
    from = m.index + m[0].length;
  }
  parts[parts.length - 1] += text.slice(from);
  return parts;
}

/** An f-string's text pieces around its interpolations. */
function fStringParts(node: Node): string[] {
  const parts = [''];
  for (const child of node.namedChildren) {
    if (child?.type === 'string_content') parts[parts.length - 1] += child.text;
    else if (child?.type === 'interpolation') parts.push('');
  }
  return parts;
}
