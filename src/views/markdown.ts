/** A Markdown report of a run, for a pull request: what changed per file, what is left for people, and the diff. */
import { renderMessage } from '../core/messages';
import type { Transform } from '../core/types';
import type { RunResult } from '../engine/run';
import { displayPath } from '../project/paths';
import { fileDiff, isChange } from './diff';

export function markdownReport(result: RunResult, transforms: readonly Transform[], base: string, dry: boolean): string {
  const meta = new Map(transforms.map((t) => [t.meta.id, t.meta]));
  const s = result.summary;
  const out: string[] = ['## pool-codemod', ''];
  out.push(`${dry ? 'Would change' : 'Changed'} ${s.changed} file(s)${s.created ? ` and create ${s.created}` : ''}; ${Object.values(s.findings).reduce((a, b) => a + b, 0)} finding(s) left for review.`, '');
  out.push('| transform | fixed | left for review |', '|---|---:|---:|');
  for (const t of transforms) out.push(`| \`${t.meta.id}\` | ${s.fixes[t.meta.id] ?? 0} | ${s.findings[t.meta.id] ?? 0} |`);
  out.push('');
  const withFindings = result.files.filter((r) => r.findings.length > 0);
  if (withFindings.length > 0) {
    out.push('### Left for review', '');
    for (const r of withFindings) {
      for (const f of r.findings) {
        const m = meta.get(f.transform);
        out.push(`- \`${displayPath(r.path, base)}:${f.line}:${f.column}\` **${f.severity}** (${f.transform}, review question ${f.question}): ${m ? renderMessage(m, f.messageId, f.data) : f.messageId}`);
      }
    }
    out.push('');
  }
  const changes = result.files.filter(isChange);
  if (changes.length > 0) {
    out.push('### Changes', '');
    for (const r of changes) out.push('<details>', `<summary><code>${displayPath(r.path, base)}</code></summary>`, '', '```diff', fileDiff(r, base).trimEnd(), '```', '', '</details>', '');
  }
  return out.join('\n');
}
