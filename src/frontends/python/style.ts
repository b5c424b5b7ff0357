/**
 * A Python file's own style, so that code the tool inserts reads as if the
 * file's author wrote it: line ending, quote kind, the indent step (4
 * spaces, 2 spaces or a tab: the most common step from a block's owner to
 * its first statement), and whether the file declares its encoding (PEP 263:
 * a new module written on its behalf declares it too).
 */
import type { Node } from 'web-tree-sitter';
import type { CodeStyle } from '../../core/frontend';

export interface PyStyle extends CodeStyle {
  /** The file starts with a `# -*- coding: ... -*-` line (first or second line). */
  coding: boolean;
}

const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/;

export function styleOf(
  text: string,
  steps: ReadonlyMap<string, number>,
  quotes: { single: number; double: number },
): PyStyle {
  const lines = text.split('\n', 2);
  return {
    eol: eolOf(text),
    quote: quotes.double > quotes.single ? '"' : "'",
    indent: indentUnit(steps),
    coding: lines.some((l) => CODING.test(l)),
  };
}

function eolOf(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text[i - 1] === '\r') crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** The whitespace before the first non-blank character of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/**
 * Note the step from a block's owner line to the block's first line (the
 * facts traversal calls this for every block): the most common one is the
 * file's indent unit.
 */
export function noteBlockStep(text: string, block: Node, steps: Map<string, number>): void {
  const owner = block.parent;
  const first = block.namedChildren[0];
  if (!owner || !first) return;
  // A one-line block (`if x: y`) shares its owner's line: no step to read.
  if (text.lastIndexOf('\n', first.startIndex) < owner.startIndex) return;
  const outer = lineIndent(text, owner.startIndex);
  const inner = lineIndent(text, first.startIndex);
  if (!inner.startsWith(outer) || inner === outer) return;
  const step = inner.slice(outer.length);
  steps.set(step, (steps.get(step) ?? 0) + 1);
}

function indentUnit(steps: ReadonlyMap<string, number>): string {
  let best: string | undefined;
  for (const [step, n] of steps) if (best === undefined || n > (steps.get(best) ?? 0)) best = step;
  return best ?? '    ';
}
