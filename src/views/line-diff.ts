/**
 * Line diffs that stay fast on big files with many scattered changes. Past
 * SMALL lines, the texts are first cut at anchors (src/core/line-anchors.ts)
 * and jsdiff runs on the short stretches between them. Small files go to
 * jsdiff whole.
 */
import { type StructuredPatch, type StructuredPatchHunk, diffArrays, structuredPatch } from 'diff';
import { lineAnchors } from '../core/line-anchors';

const SMALL = 1000;

interface Op {
  kind: ' ' | '-' | '+';
  line: string;
}

/** Lines with their line break kept, so that a changed line ending is a changed line. */
function linesOf(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The edit script from `a` to `b`: jsdiff on the stretches between anchors. */
function ops(a: readonly string[], b: readonly string[]): Op[] {
  const out: Op[] = [];
  const stretch = (a0: number, a1: number, b0: number, b1: number) => {
    for (const change of diffArrays(a.slice(a0, a1), b.slice(b0, b1))) {
      const kind = change.added ? '+' : change.removed ? '-' : ' ';
      for (const line of change.value) out.push({ kind, line });
    }
  };
  let i = 0;
  let j = 0;
  for (const [ai, bj] of lineAnchors(a, b)) {
    stretch(i, ai, j, bj);
    out.push({ kind: ' ', line: a[ai] });
    i = ai + 1;
    j = bj + 1;
  }
  stretch(i, a.length, j, b.length);
  return out;
}

/** A hunk line as jsdiff writes it: the mark, the line without its break, and a note when the file ends without one. */
function hunkLines(op: Op): string[] {
  const body = op.line.endsWith('\n') ? op.line.slice(0, -1) : op.line;
  return op.line.endsWith('\n') ? [op.kind + body] : [op.kind + body, '\\ No newline at end of file'];
}

/** Group an edit script into hunks with `context` lines around each change. */
function hunksOf(script: readonly Op[], context: number): StructuredPatchHunk[] {
  const hunks: StructuredPatchHunk[] = [];
  // Line numbers (old, new) at each step of the script, counted once.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const op of script) {
    oldAt.push(oldLine);
    newAt.push(newLine);
    if (op.kind !== '+') oldLine++;
    if (op.kind !== '-') newLine++;
  }
  const changed = script.map((op, k) => (op.kind === ' ' ? -1 : k)).filter((k) => k >= 0);
  let start = 0;
  while (start < changed.length) {
    let end = start;
    while (end + 1 < changed.length && changed[end + 1] - changed[end] <= 2 * context + 1) end++;
    const from = Math.max(0, changed[start] - context);
    const to = Math.min(script.length, changed[end] + context + 1);
    const oldStart = oldAt[from];
    const newStart = newAt[from];
    const slice = script.slice(from, to);
    const oldLines = slice.filter((op) => op.kind !== '+').length;
    const newLines = slice.filter((op) => op.kind !== '-').length;
    hunks.push({
      // An empty side starts at the line before it, as in diff and git.
      oldStart: oldLines === 0 ? oldStart - 1 : oldStart,
      oldLines,
      newStart: newLines === 0 ? newStart - 1 : newStart,
      newLines,
      lines: slice.flatMap(hunkLines),
    });
    start = end + 1;
  }
  return hunks;
}

/** jsdiff's structuredPatch, fast on big files. */
export function linePatch(oldName: string, newName: string, a: string, b: string, context = 3): StructuredPatch {
  const oldLines = linesOf(a);
  const newLines = linesOf(b);
  if (oldLines.length < SMALL && newLines.length < SMALL)
    return structuredPatch(oldName, newName, a, b, undefined, undefined, { context });
  return {
    oldFileName: oldName,
    newFileName: newName,
    oldHeader: undefined,
    newHeader: undefined,
    hunks: hunksOf(ops(oldLines, newLines), context),
  };
}
