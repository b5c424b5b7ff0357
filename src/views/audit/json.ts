/**
 * The audit as one JSON document (`schema/audit-result.schema.json`,
 * versioned by `schemaVersion`): the scorecard, every finding with its
 * fingerprint and how `run` fixes it, how the project runs as the tool read
 * it, and the run's summary.
 */
import { docsOf } from '../docs-url';
import type { AuditModel } from './model';
import type { ProjectModel } from '../../engine/model';

const AUDIT_SCHEMA_VERSION = 1;

/** `project`: how the project runs as the tool read it (the modules with pools, what runs them, PgBouncer). */
export function auditJson(model: AuditModel, exitCode: number, project?: ProjectModel): object {
  return {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: 'pool-codemod', version: model.version },
    command: 'audit',
    exitCode,
    ...(project ? { project } : {}),
    scorecard: model.scores.map((s) => ({
      question: s.question,
      text: s.text,
      verdict: s.verdict,
      findings: s.findings,
      fine: s.fine,
      fixable: s.fixable,
      transforms: s.transforms,
      worst: s.worst.map((f) => ({
        file: model.findings.find((x) => x.fingerprint === f.fingerprint && x.file === f.file)?.path ?? f.file,
        line: f.line,
        column: f.column,
        transform: f.transform,
        messageId: f.messageId,
        severity: f.severity,
      })),
    })),
    findings: model.findings.map((f) => ({
      file: f.path,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      transform: f.transform,
      messageId: f.messageId,
      message: f.message,
      data: f.data,
      severity: f.severity,
      question: f.question,
      antiPattern: f.antiPattern,
      fixable: f.fixable,
      fix: f.fixCommand,
      fingerprint: f.fingerprint,
      baseline: f.baseline,
      ...docsOf(f.transform),
    })),
    summary: model.result.summary,
    warnings: model.result.warnings,
  };
}
