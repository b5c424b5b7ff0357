/**
 * What every audit view renders: the scorecard, the findings (with their
 * rendered messages, whether `run` fixes them and how), and for a fixable
 * finding the part of the dry-run diff that fixes it.
 */
import type { StructuredPatch } from 'diff';
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
  const patches = new Map(result.files.filter((r) => r.status === 'changed').map((r) => [r.path, patchOf(r)]));
  const findings: AuditFinding[] = [];
  for (const r of result.files) {
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
        fixDiff: f.fixable ? hunksAt(patches.get(r.path), f.line, displayPath(r.path, base)) : null,
      });
    }
  }
  return { base, version, scores: scorecard(result, transforms, inBaseline), findings, result, metas };
}

type Patch = StructuredPatch;

function patchOf(r: FileResult): Patch {
  return linePatch('a', 'b', r.before ?? '', r.after ?? '', 2);
}

/** The hunks of a file's diff that touch a line of its original text, as unified diff text. */
function hunksAt(patch: Patch | undefined, line: number, name: string): string | null {
  if (!patch) return null;
  const hunks = patch.hunks.filter((h) => line >= h.oldStart - 2 && line <= h.oldStart + Math.max(h.oldLines, 1) + 2);
  if (hunks.length === 0) return null;
  const body = hunks
    .map((h) => `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n${h.lines.join('\n')}`)
    .join('\n');
  return `--- a/${name}\n+++ b/${name}\n${body}\n`;
}

/** The findings the gate counts: not in the baseline. */
export function counted(model: AuditModel): AuditFinding[] {
  return model.findings.filter((f) => !f.baseline);
}
