/**
 * Edits against the text exactly as read. Every change a transform makes is
 * a replacement of a range of the original text, so bytes outside those
 * ranges (tabs, CRLF, BOM, odd spacing, comments) cannot change. A small set
 * of our own rather than a library: the engine needs to know whether two
 * fixes overlap before applying either, and where an offset lands after them.
 */
import type { Edit, Span } from '../core/types';

/** Insertions at one point keep the order they were made in. */
function ordered(edits: readonly Edit[]): Edit[] {
  return edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order)
    .map((x) => x.edit);
}

/**
 * Do two edits touch the same text? Insertions at one point do not conflict,
 * nor does an insertion at either end of a replaced range.
 */
export function editsConflict(a: Edit, b: Edit): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Apply edits to the text they were computed against. Throws if two of them overlap (a bug in the fix). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = ordered(edits);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error(`overlapping edits at offset ${edit.start}`);
    if (edit.end < edit.start || edit.end > text.length) throw new Error(`edit out of range: ${edit.start}-${edit.end}`);
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/**
 * Where `offset` of the old text is after the edits: past text inserted at
 * that very point, and at the start of a replacement that covers it.
 */
export function mapOffset(edits: readonly Edit[], offset: number): number {
  let shift = 0;
  for (const edit of ordered(edits)) {
    if (edit.end <= offset) shift += edit.text.length - (edit.end - edit.start);
    else if (edit.start < offset) return edit.start + shift;
    else break;
  }
  return offset + shift;
}

/** The smallest range covering every edit of a fix. */
export function spanOf(edits: readonly Edit[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const edit of edits) {
    start = Math.min(start, edit.start);
    end = Math.max(end, edit.end);
  }
  return { start, end };
}

/** Fixes conflict when their spans overlap; fixes that merely meet at a point do not. */
export function spansConflict(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
