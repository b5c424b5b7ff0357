/**
 * The Markdown description of a pull request that carries a run's change:
 * what changed per transform (counts, and links to the hunks, which follow
 * in the body), the findings left for people grouped by the review question
 * they fail and why the tool did not fix them, how the change was checked,
 * and a reviewer checklist drawn from the review questions the change
 * touches. Paths are relative and every list is sorted, so the same run
 * gives the same bytes (fleet bodies are compared across runs).
 */
import { renderMessage } from '../core/messages';
import type { FileResult, Finding, Transform, TransformMeta } from '../core/types';
import type { RunResult } from '../engine/run';
import { REVIEW_QUESTIONS } from '../engine/scorecard';
import { displayPath } from '../project/paths';
import { fileDiff, isChange } from './diff';
import { linePatch } from './line-diff';

/** What a reviewer checks in the diff, per review question. */
const REVIEWER_CHECKS: Record<number, string> = {
  1: 'Each new pool is created once per process (module scope) and takes the settings the old client had.',
  2: 'Every checkout has exactly one release, on every path (finally or the scoped helper); nothing uses the connection after it.',
  3: "The pool's max fits this deployment: max_connections, minus reserved, divided by the processes that open it.",
  4: 'The acquire and statement timeouts suit the slowest legitimate request and the callers handle the timeout error.',
  5: 'Nothing relies on session state (SET, LISTEN, advisory locks, named statements) behind PgBouncer in transaction mode.',
  6: 'Work moved out of a held section does not need the connection or its transaction (nothing reads what the transaction writes before COMMIT).',
  7: "The pool's metrics reach what your monitoring scrapes, under names it expects.",
  8: "pool.on('error') logs the error and the process survives an idle client's connection error.",
};

export interface PrBodyContext {
  transforms: readonly Transform[];
  base: string;
  dry: boolean;
  /** Prefix of file links (e.g. https://github.com/o/r/blob/<branch>/); without it, paths are code. */
  linkBase?: string;
}

interface Hunk {
  anchor: string;
  file: string;
  /** First and last line of the hunk in the new file. */
  start: number;
  end: number;
  transforms: Set<string>;
}

/** How far `line` (of the old file) is from a hunk's old lines: 0 inside. */
function distance(line: number, oldStart: number, oldLines: number): number {
  const end = oldStart + Math.max(1, oldLines) - 1;
  return line < oldStart ? oldStart - line : line > end ? line - end : 0;
}

/**
 * The hunks of every change, each credited to the transforms whose fixes
 * made it. A fix is recorded at the site it fixes (`new Pool(` for an option
 * added at the end of the object), so it credits the hunk holding that
 * line, or else the nearest one in its file.
 */
function hunksOf(changes: readonly FileResult[], base: string): Hunk[] {
  const hunks: Hunk[] = [];
  for (const r of changes) {
    const file = displayPath(r.path, base);
    const patch = linePatch(file, file, r.before ?? '', r.after ?? '');
    const mine = patch.hunks.map((h) => ({
      anchor: `pool-codemod-hunk-${hunks.length + patch.hunks.indexOf(h) + 1}`,
      file,
      start: h.newStart,
      end: h.newStart + Math.max(1, h.newLines) - 1,
      transforms: new Set<string>(),
      old: h,
    }));
    for (const f of r.fixes) {
      const nearest = [...mine].sort(
        (a, b) => distance(f.line, a.old.oldStart, a.old.oldLines) - distance(f.line, b.old.oldStart, b.old.oldLines),
      )[0];
      nearest?.transforms.add(f.transform);
    }
    hunks.push(
      ...mine.map((h) => ({ anchor: h.anchor, file: h.file, start: h.start, end: h.end, transforms: h.transforms })),
    );
  }
  return hunks;
}

function fileLink(file: string, line: number, ctx: PrBodyContext): string {
  return ctx.linkBase ? `[\`${file}:${line}\`](${ctx.linkBase}${file}#L${line})` : `\`${file}:${line}\``;
}

function changedSection(
  result: RunResult,
  hunks: readonly Hunk[],
  metas: readonly TransformMeta[],
  base: string,
): string[] {
  const out = ['### What changed', '', '| transform | anti-pattern | fixes | hunks |', '|---|---|---:|---|'];
  for (const m of metas) {
    const fixes = result.summary.fixes[m.id] ?? 0;
    if (fixes === 0) continue;
    const links = hunks
      .filter((h) => h.transforms.has(m.id))
      .map((h) => `[${h.file}:${h.start}-${h.end}](#${h.anchor})`);
    out.push(`| \`${m.id}\` | ${m.antiPattern}. ${m.title} | ${fixes} | ${links.join(', ') || 'new files only'} |`);
  }
  const created = result.files.filter((r) => r.status === 'created');
  if (created.length > 0)
    out.push('', `New files: ${created.map((r) => `\`${displayPath(r.path, base)}\``).join(', ')}.`);
  return [...out, ''];
}

function findingsSection(
  findings: readonly { finding: Finding; file: string }[],
  meta: ReadonlyMap<string, TransformMeta>,
  ctx: PrBodyContext,
): string[] {
  if (findings.length === 0)
    return ['### Left for people', '', 'Nothing: every site the transforms looked at was fixed or found fine.', ''];
  const out = ['### Left for people', '', 'The tool did not change these; each says why and what to do.', ''];
  const questions = [...new Set(findings.map((f) => f.finding.question))].sort((a, b) => a - b);
  for (const q of questions) {
    const here = findings.filter((f) => f.finding.question === q);
    out.push(`**${q > 0 ? `Q${q}. ${REVIEW_QUESTIONS[q]}` : "pool-codemod's own directives"}** (${here.length})`, '');
    for (const { finding: f, file } of here) {
      const m = meta.get(f.transform);
      const why = m ? renderMessage(m, f.messageId, f.data) : f.messageId;
      const kind = m && !m.fixable ? 'reported only' : 'not fixed';
      out.push(
        `- ${fileLink(file, f.line, ctx)} **${f.severity}**, ${kind} (\`${f.transform}/${f.messageId}\`): ${why}`,
      );
    }
    out.push('');
  }
  return out;
}

function checkedSection(result: RunResult, changes: readonly FileResult[]): string[] {
  const typescript = changes.filter((r) => /\.[cm]?tsx?$/.test(r.path)).length;
  const out = ['### How this was checked', ''];
  out.push(
    '- Every changed file was parsed again after the rewrite, and a further pass of every transform changed nothing (a fixed point).',
  );
  out.push(
    '- Edits are made to the original text: lines no fix touched are byte for byte as they were, and inserted code follows the file’s quotes, semicolons, indentation and line endings.',
  );
  if (result.options.verify === true)
    out.push(
      `- \`--verify\`: the ${typescript} changed TypeScript file(s) were type-checked with the project’s tsconfig; a file that gained a diagnostic would have been left unwritten.`,
    );
  else
    out.push(
      '- Not type-checked by the tool (run with `--verify` to have it type-check changed TypeScript files); your CI’s type-check and tests are the check.',
    );
  for (const w of result.warnings) out.push(`- Note: ${w}`);
  return [...out, ''];
}

function checklistSection(questions: readonly number[]): string[] {
  if (questions.length === 0) return [];
  return [
    '### Reviewer checklist',
    '',
    ...questions.map((q) => `- [ ] Q${q}. ${REVIEW_QUESTIONS[q]} ${REVIEWER_CHECKS[q]}`),
    '',
  ];
}

function diffSection(changes: readonly FileResult[], hunks: readonly Hunk[], base: string): string[] {
  if (changes.length === 0) return [];
  const out = ['### Diff', ''];
  for (const r of changes) {
    const file = displayPath(r.path, base);
    const mine = hunks.filter((h) => h.file === file);
    const anchors = mine.map((h) => `<a id="${h.anchor}"></a>`).join('');
    out.push(
      '<details>',
      `<summary>${anchors}<code>${file}</code> (${mine.length} hunk${mine.length === 1 ? '' : 's'})</summary>`,
      '',
      '```diff',
      fileDiff(r, base).trimEnd(),
      '```',
      '',
      '</details>',
      '',
    );
  }
  return out;
}

export function prBody(result: RunResult, ctx: PrBodyContext): string {
  const metas = ctx.transforms.map((t) => t.meta);
  const meta = new Map(metas.map((m) => [m.id, m]));
  const changes = result.files.filter(isChange).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const hunks = hunksOf(changes, ctx.base);
  const findings = result.files
    .flatMap((r) => r.findings.map((finding) => ({ finding, file: displayPath(r.path, ctx.base) })))
    .sort((a, b) =>
      a.file < b.file
        ? -1
        : a.file > b.file
          ? 1
          : a.finding.line - b.finding.line || a.finding.column - b.finding.column,
    );
  const s = result.summary;
  const findingCount = findings.length;
  const touched = [
    ...new Set([
      ...metas.filter((m) => (s.fixes[m.id] ?? 0) > 0).map((m) => m.question),
      ...findings.map((f) => f.finding.question),
    ]),
  ]
    .filter((q) => q > 0)
    .sort((a, b) => a - b);
  const title = `${ctx.dry ? 'Would change' : 'Changes'} ${s.changed} file(s)${s.created ? ` and create${ctx.dry ? '' : 's'} ${s.created}` : ''}; ${findingCount} finding(s) left for people.`;
  return [
    '## pool-codemod: database connection fixes',
    '',
    title,
    '',
    ...changedSection(result, hunks, metas, ctx.base),
    ...findingsSection(findings, meta, ctx),
    ...checkedSection(result, changes),
    ...checklistSection(touched),
    ...diffSection(changes, hunks, ctx.base),
  ].join('\n');
}
