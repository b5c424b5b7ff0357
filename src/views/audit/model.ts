/**
 * What every audit view renders: the scorecard, the findings (with their
 * rendered messages, whether `run` fixes them and how), and for a fixable
 * finding the part of the dry-run diff that fixes it.
 */
import type { StructuredPatchHunk } from 'diff';
import { linePatch } from '../line-diff';
import { renderMessage } from '../../core/messages';
import type { FileResult, Finding, Transform, TransformMeta } from '../../core/types';
import { ENGINE_TRANSFORM } from '../../engine/engine-meta';
import type { RunResult } from '../../engine/run';
import { type QuestionScore, scorecard } from '../../engine/scorecard';
import { displayPath } from '../../project/paths';

export interface AuditFinding extends Finding {
  path: string;
  message: string;
  /** In the baseline: known, not counted. */
  baseline: boolean;
  /** How to have `run` fix it, or null. */
  fixCommand: string | null;
  /** The dry-run hunks that fix it (unified diff text), when `run` fixes it. */
  fixDiff: string | null;
}

export interface AuditModel {
  base: string;
  version: string;
  scores: QuestionScore[];
  findings: AuditFinding[];
  result: RunResult;
  metas: Map<string, TransformMeta>;
}

export function auditModel(
  result: RunResult,
  transforms: readonly Transform[],
  base: string,
  version: string,
  inBaseline: (f: Finding) => boolean,
): AuditModel {
  const metas = new Map([ENGINE_TRANSFORM, ...transforms].map((t) => [t.meta.id, t.meta]));
  const findings: AuditFinding[] = [];
  for (const r of result.files) {
    const fixDiff = r.status === 'changed' ? fixDiffs(r, displayPath(r.path, base)) : () => null;
    for (const f of r.findings) {
      const meta = metas.get(f.transform);
      const spec = meta?.messages[f.messageId];
      findings.push({
        ...f,
        path: displayPath(r.path, base),
        message: meta ? renderMessage(meta, f.messageId, f.data) : f.messageId,
        baseline: inBaseline(f),
        fixCommand: f.fixable
          ? `pool-codemod run ${f.transform} <paths>`
          : spec?.fixWith
            ? `pool-codemod run ${f.transform} <paths> ${spec.fixWith}`
            : null,
        fixDiff: f.fixable ? fixDiff(f.line) : null,
      });
    }
  }
  return { base, version, scores: scorecard(result, transforms, inBaseline), findings, result, metas };
}

type Hunk = StructuredPatchHunk;

/**
 * The diff that fixes a finding, by the finding's line: the hunks of the
 * file's dry-run diff that touch it. Fixes a few lines apart share a hunk;
 * where a hunk holds several fixable findings' lines (a generated file of
 * a thousand handlers is one hunk), each finding gets the change runs
 * nearest below its line, not the whole hunk, so the audit stays the size of
 * the diff rather than findings times the diff.
 */
function fixDiffs(r: FileResult, name: string): (line: number) => string | null {
  const hunks = linePatch('a', 'b', r.before ?? '', r.after ?? '', 2).hunks;
  const fixable = [...new Set(r.findings.filter((f) => f.fixable).map((f) => f.line))].sort((a, b) => a - b);
  const splits = new Map<Hunk, Map<number, Hunk> | undefined>();
  /** The hunk, or its part for this line (none when the line owns no change in it). */
  const pieceOf = (h: Hunk, line: number): Hunk[] => {
    if (!splits.has(h)) splits.set(h, splitByOwner(h, fixable));
    const split = splits.get(h);
    const part = split ? split.get(line) : h;
    return part ? [part] : [];
  };
  const byLine = new Map<number, string | null>();
  return (line) => {
    if (!byLine.has(line)) {
      const mine = hunks.filter((h) => touches(h, line)).flatMap((h) => pieceOf(h, line));
      const body = mine.map(
        (h) => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n${h.lines.join('\n')}`,
      );
      byLine.set(line, body.length === 0 ? null : `--- a/${name}\n+++ b/${name}\n${body.join('\n')}\n`);
    }
    return byLine.get(line) ?? null;
  };
}

/** A hunk touches a line of the original text within two lines of its old side. */
function touches(h: Pick<Hunk, 'oldStart' | 'oldLines'>, line: number): boolean {
  return line >= h.oldStart - 2 && line <= h.oldStart + Math.max(h.oldLines, 1) + 2;
}

/** A diff line with where it is on each side (a `\ No newline` marker keeps its line's numbers). */
interface Row {
  text: string;
  old: number;
  new: number;
}

const isChange = (row: Row | undefined) => row !== undefined && /^[+-]/.test(row.text);
const isMarker = (row: Row | undefined) => row !== undefined && row.text.startsWith('\\');

/**
 * A hunk cut between the fixable findings whose lines it holds, or nothing
 * when it holds one (the finding gets it whole). Each change run goes to
 * the last of those lines at or above it (a run above them all, to the
 * first); each finding's runs are cut out with two lines of context. One
 * walk of the hunk for all its findings.
 */
function splitByOwner(h: Hunk, fixable: readonly number[]): Map<number, Hunk> | undefined {
  const owners = fixable.filter((l) => touches(h, l));
  if (owners.length <= 1) return undefined;
  const rows: Row[] = [];
  let oldLine = h.oldStart;
  let newLine = h.newStart;
  for (const text of h.lines) {
    rows.push({ text, old: oldLine, new: newLine });
    if (text.startsWith('\\')) continue;
    if (!text.startsWith('+')) oldLine++;
    if (!text.startsWith('-')) newLine++;
  }
  const spans = new Map<number, { first: number; last: number }>();
  let owner = 0;
  for (let i = 0; i < rows.length; i++) {
    if (!isChange(rows[i]) || isChange(rows[i - 1])) continue;
    while (owner + 1 < owners.length && owners[owner + 1] <= rows[i].old) owner++;
    let end = i;
    while (isChange(rows[end + 1]) || isMarker(rows[end + 1])) end++;
    const span = spans.get(owners[owner]);
    spans.set(owners[owner], { first: span?.first ?? i, last: end });
  }
  const out = new Map<number, Hunk>();
  for (const [line, span] of spans) out.set(line, cut(rows, span.first, span.last));
  return out;
}

/** Rows `first..last` with up to two unchanged lines either side, as a hunk. */
function cut(rows: readonly Row[], first: number, last: number): Hunk {
  for (let n = 0; n < 2 && first > 0 && rows[first - 1].text.startsWith(' '); n++) first--;
  for (let n = 0; n < 2 && last + 1 < rows.length && rows[last + 1].text.startsWith(' '); n++) last++;
  const part = rows.slice(first, last + 1);
  const lines = part.map((row) => row.text);
  const counted = lines.filter((l) => !l.startsWith('\\'));
  const oldLines = counted.filter((l) => !l.startsWith('+')).length;
  const newLines = counted.filter((l) => !l.startsWith('-')).length;
  // As unified diffs number an empty side: the line before it.
  return {
    oldStart: oldLines === 0 ? part[0].old - 1 : part[0].old,
    oldLines,
    newStart: newLines === 0 ? part[0].new - 1 : part[0].new,
    newLines,
    lines,
  };
}

/** The findings the gate counts: not in the baseline. */
export function counted(model: AuditModel): AuditFinding[] {
  return model.findings.filter((f) => !f.baseline);
}
