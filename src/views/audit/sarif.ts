/**
 * The audit as SARIF 2.1.0, for code-scanning dashboards: one rule per
 * anti-pattern (with its review question and help), each finding a result
 * with its place, level, fingerprint, and, where `run` fixes it, the fix as
 * replacements of the original text.
 */
import { docsUrl } from '../docs-url';
import { ENGINE_TRANSFORM } from '../../engine/engine-meta';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parsePatch } from 'diff';
import type { TransformMeta } from '../../core/types';
import { REVIEW_QUESTIONS } from '../../engine/scorecard';
import type { AuditFinding, AuditModel } from './model';

const LEVEL = { error: 'error', warning: 'warning', note: 'note' } as const;

export function auditSarif(model: AuditModel): object {
  const metas = [...model.metas.values()].filter(
    (m) => model.findings.some((f) => f.transform === m.id) || m.antiPattern > 0,
  );
  const rules = metas.map((m) => rule(m));
  const index = new Map(metas.map((m, i) => [m.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pool-codemod',
            version: model.version,
            informationUri: 'https://github.com/pool-codemod/pool-codemod',
            rules,
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(model.base).href}/` } },
        results: model.findings.map((f) => result(f, index.get(f.transform) ?? 0)),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

function rule(meta: TransformMeta): object {
  const question = REVIEW_QUESTIONS[meta.question] ?? "pool-codemod's own directives";
  return {
    id: meta.id,
    name: meta.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: meta.title },
    ...(meta.id === ENGINE_TRANSFORM.meta.id ? {} : { helpUri: docsUrl(meta.id) }),
    fullDescription: { text: meta.docs.description },
    help: {
      text: `Review question ${meta.question}: ${question}\n\n${meta.docs.description}`,
      markdown: `**Review question ${meta.question}:** ${question}\n\n${meta.docs.description}`,
    },
    defaultConfiguration: { level: 'warning' },
    properties: {
      reviewQuestion: meta.question,
      antiPattern: meta.antiPattern,
      fixable: meta.fixable,
      tags: ['database', 'connection-pool', `review-question-${meta.question}`],
    },
  };
}

function result(f: AuditFinding, ruleIndex: number): object {
  const location = {
    physicalLocation: {
      artifactLocation: { uri: f.path, uriBaseId: 'SRCROOT' },
      region: {
        startLine: f.line,
        startColumn: f.column,
        endLine: f.endLine,
        endColumn: Math.max(f.endColumn, f.line === f.endLine ? f.column + 1 : 1),
      },
    },
  };
  return {
    ruleId: f.transform,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location],
    partialFingerprints: { 'poolCodemod/v1': f.fingerprint },
    ...(f.baseline ? { baselineState: 'unchanged' } : {}),
    properties: {
      messageId: f.messageId,
      reviewQuestion: f.question,
      antiPattern: f.antiPattern,
      fixable: f.fixable,
      ...(f.fixCommand ? { fix: f.fixCommand } : {}),
    },
    ...(f.fixDiff ? { fixes: [fix(f)] } : {}),
  };
}

/** The fix's hunks as SARIF replacements: whole lines of the original, and what replaces them. */
function fix(f: AuditFinding): object {
  const [patch] = parsePatch(f.fixDiff ?? '');
  const replacements = (patch?.hunks ?? []).map((h) => {
    const removed = h.lines.filter((l) => !l.startsWith('+'));
    const inserted = h.lines.filter((l) => !l.startsWith('-')).map((l) => l.slice(1));
    const deletedRegion =
      removed.length > 0
        ? { startLine: h.oldStart, startColumn: 1, endLine: h.oldStart + removed.length, endColumn: 1 }
        : { startLine: h.oldStart + 1, startColumn: 1, endLine: h.oldStart + 1, endColumn: 1 };
    return { deletedRegion, insertedContent: { text: inserted.length > 0 ? `${inserted.join('\n')}\n` : '' } };
  });
  return {
    description: { text: `pool-codemod run ${f.transform} rewrites this (${path.basename(f.path)})` },
    artifactChanges: [{ artifactLocation: { uri: f.path, uriBaseId: 'SRCROOT' }, replacements }],
  };
}
