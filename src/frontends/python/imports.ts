/**
 * Imports in Python files: which imported names the text uses (so that a
 * rewrite's last use of one can be pruned), removing those, and adding an
 * import where the file's own imports are (after a module docstring, the
 * shebang and encoding lines and `from __future__` imports).
 */
import type { Node } from 'web-tree-sitter';
import type { Edit } from '../../core/edits';
import type { PyFacts, PyImportBinding } from './facts';

/** The imported names the text reads anywhere outside the import statements themselves. */
export function usedImportNames(facts: PyFacts): Set<string> {
  const imported = new Set(facts.imports.map((i) => i.local));
  const used = new Set<string>();
  const visit = (node: Node): void => {
    if (node.type === 'import_statement' || node.type === 'import_from_statement') return;
    if (node.type === 'identifier' && imported.has(node.text)) used.add(node.text);
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(facts.root);
  return used;
}

/**
 * Edits removing the module-level imports whose names were used before and
 * are not used now: the whole statement when none of its names is left, else
 * those names from a `from m import a, b` list (a linter fails the file on
 * an unused import the rewrite left).
 */
export function prunePyImports(text: string, facts: PyFacts, usedBefore: ReadonlySet<string>): Edit[] {
  const usedNow = usedImportNames(facts);
  const byStatement = new Map<number, { statement: Node; bindings: PyImportBinding[] }>();
  for (const b of facts.imports) {
    if (b.fn !== null) continue;
    const entry = byStatement.get(b.statement.id) ?? { statement: b.statement, bindings: [] };
    entry.bindings.push(b);
    byStatement.set(b.statement.id, entry);
  }
  const edits: Edit[] = [];
  for (const { statement, bindings } of byStatement.values()) {
    const dropped = bindings.filter((b) => usedBefore.has(b.local) && !usedNow.has(b.local));
    if (dropped.length === 0) continue;
    if (dropped.length === bindings.length) edits.push(wholeLine(text, statement));
    else edits.push(...namesOut(text, statement, new Set(dropped.map((b) => b.local))));
  }
  return [...edits, ...blankLinesLeftOver(text, edits)];
}

/**
 * Blank lines that removing whole lines would leave at the top of the file,
 * or doubled where the removed lines stood between two blank lines: they go
 * too. Blank lines that were already together stay as they were.
 */
function blankLinesLeftOver(text: string, removals: readonly Edit[]): Edit[] {
  const removed = new Set(removals.filter((e) => e.text === '').map((e) => e.start));
  const extra: Edit[] = [];
  let previousKeptBlank: boolean | undefined; // undefined: nothing kept yet (the top of the file)
  let removedSince = false;
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    const blank = /^[ \t]*\r?\n?$/.test(text.slice(start, end));
    if (removed.has(start)) removedSince = true;
    else if (blank && removedSince && previousKeptBlank !== false) extra.push({ start, end, text: '' });
    else {
      previousKeptBlank = blank;
      removedSince = false;
    }
    start = end;
  }
  return extra;
}

/**
 * Some names out of a `from m import ...` list. On one line, the list is
 * written again with the names kept; in parentheses over several lines, a
 * name alone on its line goes with the line. Any other layout (a name
 * sharing a line of a multi-line list, a backslash continuation) is left as
 * it is: an unused name is better than a list the edit might break.
 */
function namesOut(text: string, statement: Node, dropped: ReadonlySet<string>): Edit[] {
  if (statement.type !== 'import_from_statement') return [];
  const names = statement.childrenForFieldName('name').filter((n): n is Node => n !== null);
  const local = (n: Node) => (n.type === 'aliased_import' ? (n.childForFieldName('alias')?.text ?? n.text) : n.text);
  const out = names.filter((n) => dropped.has(local(n)));
  if (!statement.text.includes('\n')) {
    const kept = names.filter((n) => !dropped.has(local(n))).map((n) => n.text);
    return [{ start: names[0].startIndex, end: names[names.length - 1].endIndex, text: kept.join(', ') }];
  }
  if (!/import\s*\(/.test(statement.text)) return [];
  const lines = out.map((n) => {
    const start = text.lastIndexOf('\n', n.startIndex - 1) + 1;
    const end = text.indexOf('\n', n.endIndex);
    const alone =
      /^[ \t]*$/.test(text.slice(start, n.startIndex)) &&
      /^[ \t]*,?[ \t]*(#[^\n]*)?\r?$/.test(text.slice(n.endIndex, end));
    return alone ? { start, end: end + 1, text: '' } : undefined;
  });
  return lines.every((l) => l !== undefined) ? lines : [];
}

/** The statement's whole line(s), newline included, when nothing else shares them; else the statement alone. */
function wholeLine(text: string, node: Node): Edit {
  const start = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  const lineEnd = text.indexOf('\n', node.endIndex);
  const end = lineEnd < 0 ? text.length : lineEnd + 1;
  const alone =
    /^[ \t]*$/.test(text.slice(start, node.startIndex)) &&
    /^[ \t]*\r?$/.test(text.slice(node.endIndex, lineEnd < 0 ? text.length : lineEnd));
  return alone ? { start, end, text: '' } : { start: node.startIndex, end: node.endIndex, text: 'pass' };
}

/**
 * Where a new module-level import goes: after the last module-level import,
 * else after a module docstring, else after the leading comment lines (a
 * shebang, an encoding line); always at the start of a line.
 */
export function importInsertionPoint(text: string, root: Node): number {
  const statements = root.namedChildren.filter((s): s is Node => s !== null);
  const imports = statements.filter((s) => IMPORT_TYPES.has(s.type));
  const first = statements.find((s) => s.type !== 'comment');
  const docstring =
    first?.type === 'expression_statement' && first.namedChildren[0]?.type === 'string' ? first : undefined;
  const after = imports.length > 0 ? imports[imports.length - 1].endIndex : docstring?.endIndex;
  if (after === undefined) return leadingCommentsEnd(text);
  const lineEnd = text.indexOf('\n', after);
  return lineEnd < 0 ? text.length : lineEnd + 1;
}

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/** The offset after the first lines that are comments (a shebang, an encoding line). */
function leadingCommentsEnd(text: string): number {
  let at = 0;
  while (at < text.length && /^#/.test(text.slice(at))) {
    const end = text.indexOf('\n', at);
    if (end < 0) return text.length;
    at = end + 1;
  }
  return at;
}
