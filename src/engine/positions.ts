/**
 * Findings point into the file as it is on disk. A run's findings come from
 * the text it ends with; when that text is not written (`--dry`, or a file
 * the write stage left alone) they are moved back to the lines of the text
 * as read, so a user reading them against their editor lands on the line
 * they name. Lines are matched ignoring indentation (a section the run
 * wraps in a try keeps its lines); a line the run wrote points at the line
 * it replaced, or at the line before which it was inserted.
 */
import { diffLines } from 'diff';
import { lineAnchors } from '../core/line-anchors';
import type { FileResult, Finding } from '../core/types';

export interface LineOrigin {
  /** The 1-based line of the text as read. */
  line: number;
  /** How many columns the line moved right (its indentation grew by this much). */
  shift: number;
  /** The run wrote this line: no line of the text as read matches it. */
  written: boolean;
  /** For a written line that replaced one: how many characters the two start with in common. */
  kept: number;
}

/** For each 1-based line of `after` (index 0 unused), where it was in `before`. */
export function lineOrigins(before: string, after: string): LineOrigin[] {
  const oldLines = before.split('\n');
  const newLines = after.split('\n');
  const origins: LineOrigin[] = [{ line: 1, shift: 0, written: false, kept: 0 }];
  let oldAt = 0;
  let pendingRemoved: { from: number; count: number } | undefined;
  for (const change of lineChanges(oldLines, newLines)) {
    const count = change.count ?? 0;
    if (change.removed) {
      pendingRemoved = { from: oldAt, count };
      oldAt += count;
      continue;
    }
    if (change.added) {
      for (let k = 0; k < count; k++) {
        // A replaced line points at the line it replaced; an inserted one at the line it comes before.
        // Lines past the replaced ones are inserted after them: they point at the last one replaced.
        const replaced = pendingRemoved && k < pendingRemoved.count ? pendingRemoved.from + k : undefined;
        const last = pendingRemoved ? pendingRemoved.from + pendingRemoved.count - 1 : oldAt;
        const line = Math.min(replaced ?? last, oldLines.length - 1);
        const kept = replaced === undefined ? 0 : commonPrefix(oldLines[line], newLines[origins.length - 1] ?? '');
        origins.push({ line: line + 1, shift: 0, written: true, kept });
      }
      pendingRemoved = undefined;
      continue;
    }
    pendingRemoved = undefined;
    for (let k = 0; k < count; k++) {
      const newLine = newLines[origins.length - 1] ?? '';
      const oldLine = oldLines[oldAt + k] ?? '';
      origins.push({ line: oldAt + k + 1, shift: indentOf(newLine) - indentOf(oldLine), written: false, kept: 0 });
    }
    oldAt += count;
  }
  return origins;
}

interface LineChange {
  count: number;
  added?: boolean;
  removed?: boolean;
}

/**
 * The line changes from `a` to `b`, whitespace at either end of a line
 * ignored, in jsdiff's shape (a replacement is a removal then an addition):
 * jsdiff only on the stretches between anchors (src/core/line-anchors.ts).
 * A run's edits are many and local, so the stretches are a few lines each.
 */
function lineChanges(a: readonly string[], b: readonly string[]): LineChange[] {
  const out: LineChange[] = [];
  const push = (change: LineChange) => {
    const last = out[out.length - 1];
    if (last && !last.added === !change.added && !last.removed === !change.removed) last.count += change.count;
    else out.push({ ...change });
  };
  let i = 0;
  let j = 0;
  for (const [ai, bj] of [...lineAnchors(a, b, (line) => line.trim()), [a.length, b.length] as const]) {
    for (const change of stretchChanges(a.slice(i, ai), b.slice(j, bj))) push(change);
    if (ai < a.length) push({ count: 1 });
    i = ai + 1;
    j = bj + 1;
  }
  return out;
}

/** The changes within one stretch between anchors. */
function stretchChanges(a: readonly string[], b: readonly string[]): LineChange[] {
  if (a.length === 0 && b.length === 0) return [];
  if (a.length === 0) return [{ count: b.length, added: true }];
  if (b.length === 0) return [{ count: a.length, removed: true }];
  const text = (lines: readonly string[]) => lines.map((l) => `${l}\n`).join('');
  return diffLines(text(a), text(b), { ignoreWhitespace: true }).map((c) => ({
    count: c.count ?? 0,
    ...(c.added ? { added: true } : {}),
    ...(c.removed ? { removed: true } : {}),
  }));
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Whether a 1-based column of a line of the new text is text the run wrote:
 * anywhere on an inserted line, past what a replaced line kept of the old one.
 */
export function writtenAt(origin: LineOrigin, column: number): boolean {
  return origin.written && column > origin.kept;
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].length ?? 0;
}

/** A finding of the text a file ends with, placed in the text as read. */
function findingOnDisk(finding: Finding, origins: readonly LineOrigin[]): Finding {
  const start = origins[finding.line];
  const end = origins[finding.endLine];
  if (!start || !end) return finding;
  const column = writtenAt(start, finding.column) ? 1 : Math.max(1, finding.column - start.shift);
  const endColumn = writtenAt(end, finding.endColumn) ? column : Math.max(1, finding.endColumn - end.shift);
  const endLine = Math.max(start.line, end.line);
  return {
    ...finding,
    line: start.line,
    column,
    endLine,
    endColumn: endLine === start.line ? Math.max(column, endColumn) : endColumn,
  };
}

/** Every changed file whose new text stays off disk gets its findings placed in the text as read. */
export function placeFindingsOnDisk(results: FileResult[]): void {
  for (const result of results) {
    if (result.status !== 'changed' || typeof result.before !== 'string' || result.after === undefined) continue;
    if (result.written || result.findings.length === 0) continue;
    const origins = lineOrigins(result.before, result.after);
    result.findings = result.findings.map((f) => findingOnDisk(f, origins));
  }
}
