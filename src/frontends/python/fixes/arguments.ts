/**
 * A keyword argument added to a call, written the way the call is: after
 * the last argument on a one-line call (`f(a, b=1, c=2)`), or on a line of
 * its own at the last argument's indent when the arguments are one per line
 * (the `)` on its own line after them, or right after the last), keeping a
 * trailing comma where the call had one and a comment where it was. Used by
 * the fixes that add a pool option (`command_timeout=30`).
 */
import type { Node } from 'web-tree-sitter';
import type { Edit } from '../../../core/edits';
import type { PyContext } from '../context';
import { lineIndent } from '../style';

/** The call's arguments, without comments. */
export function argumentsOf(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter(
    (a): a is Node => a !== null && a.type !== 'comment',
  );
}

/** The value of a keyword argument (`timeout=5` -> `5`), when the call passes it. */
export function keywordValue(call: Node, name: string): Node | undefined {
  const found = argumentsOf(call).find(
    (a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name,
  );
  return found?.childForFieldName('value') ?? undefined;
}

/** Arguments passed through `*` or `**`: what they hold (a keyword the call already gets, perhaps) is not in sight. */
export function hasSplat(call: Node): boolean {
  return argumentsOf(call).some((a) => a.type === 'dictionary_splat' || a.type === 'list_splat');
}

/** A pool's size argument: by keyword, else (psycopg2's `maxconn`) by its position among the positionals. */
export function sizeArgument(call: Node, spec: { keyword: string; position: number | null }): Node | undefined {
  const byKeyword = keywordValue(call, spec.keyword);
  if (byKeyword || spec.position === null) return byKeyword;
  return argumentsOf(call).filter((a) => a.type !== 'keyword_argument')[spec.position];
}

/** A plain integer literal's value (`10`), else undefined. */
export function literalInt(node: Node): number | undefined {
  return node.type === 'integer' && /^\d+$/.test(node.text) ? Number(node.text) : undefined;
}

export function addKeywordArgument(ctx: PyContext, call: Node, argument: string): Edit[] {
  const list = call.childForFieldName('arguments');
  if (!list) return [];
  const args = argumentsOf(call);
  const last = args[args.length - 1];
  if (!last) return [{ start: list.startIndex + 1, end: list.endIndex - 1, text: argument }];
  const { text, style } = ctx;
  const comma = text.slice(last.endIndex, list.endIndex - 1).match(/^\s*,/);
  const afterLast = comma ? last.endIndex + comma[0].length : last.endIndex;
  const lineEnd = text.indexOf('\n', afterLast);
  const closeOnOwnLine = /^\s*$/.test(text.slice(lineIndexStart(text, list.endIndex - 1), list.endIndex - 1));
  const multiLine = lineEnd !== -1 && lineEnd < list.endIndex && closeOnOwnLine;
  if (!multiLine && !closeOnOwnLine && onePerLine(text, list, args)) {
    // `database=db,\n        port=5432)`: the new argument on a line of its own, and the `)` still after it.
    const own = `${style.eol}${lineIndent(text, last.startIndex)}${argument}`;
    return comma
      ? [{ start: afterLast, end: afterLast, text: `${own},` }]
      : [{ start: last.endIndex, end: last.endIndex, text: `,${own}` }];
  }
  if (!multiLine) return [{ start: last.endIndex, end: last.endIndex, text: `, ${argument}` }];
  // One argument per line: the new one on its own line after the last (and after any comment there).
  const eolAt = text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  const indent = lineIndent(text, last.startIndex);
  const edits: Edit[] = [];
  if (!comma) edits.push({ start: last.endIndex, end: last.endIndex, text: ',' });
  edits.push({ start: eolAt, end: eolAt, text: `${style.eol}${indent}${argument}${comma ? ',' : ''}` });
  return edits;
}

/**
 * Each argument after the first starts a line of its own (the first may
 * follow the `(`, as in a visual indent); a lone argument, when it does.
 */
function onePerLine(text: string, list: Node, args: readonly Node[]): boolean {
  const startsLine = (arg: Node, after: number) => text.slice(after, arg.startIndex).includes('\n');
  if (args.length === 1) return startsLine(args[0], list.startIndex + 1);
  return args.slice(1).every((arg, i) => startsLine(arg, args[i].endIndex));
}

function lineIndexStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
