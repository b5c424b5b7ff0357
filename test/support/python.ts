/**
 * Python in tests: Debian's interpreter (its packages, psycopg2 and the rest,
 * belong to /usr/bin/python3, not to a python3 found earlier on PATH), and a
 * check that a text is valid Python by Python's own parser.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import dedent from 'dedent';
import type { Node } from 'web-tree-sitter';
import { parsePython } from '../../src/frontends/python/parser';

const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Python's own verdict on the text: undefined when it compiles, else the error. */
export function pythonError(text: string): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import sys; compile(sys.stdin.read(), "<rewritten>", "exec")'], {
    input: text,
    encoding: 'utf8',
  });
  return r.status === 0 ? undefined : r.stderr.trim().split('\n').slice(-2).join(' ');
}

/** Python code in a test case, dedented, ending with one newline (see `js` in code.ts). */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  return `${dedent(strings, ...values)}\n`;
}

/** A Python code style to regenerate a fixture in: indent step, quote kind, line ending, a PEP 263 coding line. */
export interface PyRestyle {
  indent?: string;
  quote?: '"' | "'";
  eol?: '\r\n';
  coding?: boolean;
}

/**
 * The same module in another style. Indentation is rewritten line by line,
 * except on lines that start inside a string (their leading spaces are the
 * string's text); a one-line string literal changes quote kind when its text
 * holds neither quote nor backslash, so its value is the same.
 */
export function restylePython(text: string, style: PyRestyle): string {
  const tree = parsePython(text);
  const inString = new Set<number>();
  const swaps: Array<{ start: number; end: number }> = [];
  const visit = (node: Node): void => {
    if (node.type === 'string') {
      for (let line = node.startPosition.row + 1; line <= node.endPosition.row; line++) inString.add(line);
      const raw = node.text;
      if (style.quote && /^['"]/.test(raw) && !/^('''|""")/.test(raw) && !/['"\\]/.test(raw.slice(1, -1)))
        swaps.push({ start: node.startIndex, end: node.endIndex });
      return;
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  tree.delete();
  let out = text;
  for (const s of swaps.reverse()) {
    const q = style.quote ?? '"';
    out = `${out.slice(0, s.start)}${q}${out.slice(s.start + 1, s.end - 1)}${q}${out.slice(s.end)}`;
  }
  if (style.indent) {
    const unit = style.indent;
    out = out
      .split('\n')
      .map((line, i) => {
        if (inString.has(i)) return line;
        const lead = /^( {4})*/.exec(line)?.[0] ?? '';
        return unit.repeat(lead.length / 4) + line.slice(lead.length);
      })
      .join('\n');
  }
  if (style.coding) out = `# -*- coding: utf-8 -*-\n${out}`;
  if (style.eol) out = out.replace(/\n/g, style.eol);
  return out;
}
