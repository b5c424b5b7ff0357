/**
 * The one JSON document `--json` prints, on every path (success, failed
 * files, usage error, refusal). Its shape is versioned: `schemaVersion`
 * changes when a field is removed or changes meaning, and the JSON Schema in
 * schema/run-result.schema.json describes it.
 */
import { docsOf } from './docs-url';
import type { RefusalDetail } from '../core/errors';
import { renderMessage } from '../core/messages';
import type { FileResult, Transform } from '../core/types';
import type { RunResult } from '../engine/run';
import { displayPath } from '../project/paths';

const SCHEMA_VERSION = 1;

export interface JsonContext {
  base: string;
  transforms: readonly Transform[];
  command: string;
  dry: boolean;
  exitCode: number;
  version: string;
  /** The pull-request description, when `--pr-body -` asked for it in the document. */
  prBody?: string;
}

/** Files with something to say: changed, created, failed, set aside for a reason worth naming, or with findings. */
function worthListing(r: FileResult): boolean {
  // Files with nothing to look at, and skipped test code, are counted in the summary, not listed.
  if (r.status === 'skipped' && (r.skipKind === 'prefilter' || r.skipKind === 'test')) return false;
  return r.status !== 'unchanged' || r.findings.length > 0 || r.reason !== undefined;
}

export function jsonDocument(result: RunResult, ctx: JsonContext): object {
  const meta = new Map(ctx.transforms.map((t) => [t.meta.id, t.meta]));
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'pool-codemod', version: ctx.version },
    command: ctx.command,
    dry: ctx.dry,
    exitCode: ctx.exitCode,
    files: result.files.filter(worthListing).map((r) => ({
      path: displayPath(r.path, ctx.base),
      status: r.status,
      written: r.written === true,
      ...(r.skipKind ? { skipKind: r.skipKind } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.dependsOn?.length ? { dependsOn: r.dependsOn.map((d) => displayPath(d, ctx.base)) } : {}),
      fixes: r.fixes.map((f) => ({ transform: f.transform, messageId: f.messageId, line: f.line, column: f.column })),
      findings: r.findings.map((f) => {
        const m = meta.get(f.transform);
        return {
          transform: f.transform,
          messageId: f.messageId,
          message: m ? renderMessage(m, f.messageId, f.data) : f.messageId,
          data: f.data,
          severity: f.severity,
          question: f.question,
          antiPattern: f.antiPattern,
          line: f.line,
          column: f.column,
          endLine: f.endLine,
          endColumn: f.endColumn,
          fixable: f.fixable,
          fingerprint: f.fingerprint,
          ...(f.test ? { test: true } : {}),
          ...docsOf(f.transform),
        };
      }),
    })),
    summary: result.summary,
    warnings: result.warnings,
    ...(ctx.prBody !== undefined ? { prBody: ctx.prBody } : {}),
  };
}

/** The document for a run that never got going (a usage error, a refusal, an internal error). */
export function jsonFailure(
  kind: 'usage' | 'refused' | 'internal',
  message: string,
  ctx: Pick<JsonContext, 'command' | 'exitCode' | 'version'>,
  refusal?: RefusalDetail,
): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'pool-codemod', version: ctx.version },
    command: ctx.command,
    exitCode: ctx.exitCode,
    error: { kind, message, ...(refusal ? { refusal } : {}) },
    files: [],
    warnings: [],
  };
}
