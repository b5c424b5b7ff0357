/**
 * Edits against the text exactly as read. Every change a transform makes is
 * a replacement of a range of the original text, so bytes outside those
 * ranges (tabs, CRLF, BOM, odd spacing, comments) cannot change. A small set
 * of our own rather than a library: the engine needs to know whether two
 * fixes overlap before applying either, and where an offset lands after them.
 */

/** A place in the file being analysed: offsets into the text the transform was given. */
export interface Span {
  start: number;
  end: number;
}

/** A text replacement against the analysed text: `[start, end)` becomes `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Insertions at one point keep the order they were made in. */
function ordered(edits: readonly Edit[]): Edit[] {
  return edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order)
    .map((x) => x.edit);
}

/** Apply edits to the text they were computed against. Throws if two of them overlap (a bug in the fix). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = ordered(edits);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) throw new Error(`overlapping edits at offset ${edit.start}`);
    if (edit.end < edit.start || edit.end > text.length)
      throw new Error(`edit out of range: ${edit.start}-${edit.end}`);
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/**
 * Where an offset of the new text was in the old one. Inside inserted or replacing text, that is where the replaced
 * range began.
 */
export function originMapper(edits: readonly Edit[]): (offset: number) => number {
  const sorted = ordered(edits);
  const newStart: number[] = [];
  const shiftBefore: number[] = [];
  let shift = 0;
  for (const edit of sorted) {
    shiftBefore.push(shift);
    newStart.push(edit.start + shift);
    shift += edit.text.length - (edit.end - edit.start);
  }
  return (offset) => {
    // The last edit starting at or before the offset, in the new text.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (newStart[mid] <= offset) low = mid + 1;
      else high = mid;
    }
    const i = low - 1;
    if (i < 0) return offset;
    const edit = sorted[i];
    if (offset < newStart[i] + edit.text.length) return edit.start;
    return offset - shiftBefore[i] - (edit.text.length - (edit.end - edit.start));
  };
}

/** Spans accepted so far, kept sorted and disjoint, so an overlap check is a binary search. */
export class SpanSet {
  private readonly spans: Span[] = [];

  /** Add the span unless it overlaps one already held; true when added. */
  tryAdd(span: Span): boolean {
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (
        this.spans[mid].start < span.start ||
        (this.spans[mid].start === span.start && this.spans[mid].end <= span.end)
      )
        low = mid + 1;
      else high = mid;
    }
    const before = this.spans[low - 1];
    const after = this.spans[low];
    if ((before && spansConflict(before, span)) || (after && spansConflict(after, span))) return false;
    this.spans.splice(low, 0, span);
    return true;
  }

  /** Add every span or none: none when any overlaps one already held, or another of them. */
  tryAddAll(spans: readonly Span[]): boolean {
    // One fix's own spans are applied together (two inserts at one point keep their order), so they merge, not conflict.
    const merged: Span[] = [];
    for (const s of [...spans].sort((a, b) => a.start - b.start)) {
      const last = merged[merged.length - 1];
      if (last && spansConflict(last, s))
        merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
      else merged.push({ ...s });
    }
    if (merged.some((s) => this.conflicts(s))) return false;
    for (const s of merged) this.tryAdd(s);
    return true;
  }

  private conflicts(span: Span): boolean {
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.spans[mid].start < span.start) low = mid + 1;
      else high = mid;
    }
    return [this.spans[low - 1], this.spans[low]].some((s) => s !== undefined && spansConflict(s, span));
  }

  overlaps(span: Span): boolean {
    return this.spans.some((s) => spansConflict(s, span));
  }
}

/** The smallest range covering every edit of a fix. */
export function coverOf(edits: readonly Edit[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const edit of edits) {
    start = Math.min(start, edit.start);
    end = Math.max(end, edit.end);
  }
  return { start, end };
}

/**
 * Fixes conflict when their spans overlap. Two that merely meet do not,
 * unless one is an insertion at the meeting point: two fixes inserting at one
 * place (two options into one `new Pool()`) cannot both be right at once.
 */
export function spansConflict(a: Span, b: Span): boolean {
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}
