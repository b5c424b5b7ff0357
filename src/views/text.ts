/** The text report: findings (file:line:column), failed and set-aside files, warnings, and a summary. */
import pc from 'picocolors';
import { renderMessage } from '../core/messages';
import type { Transform } from '../core/types';
import type { RunResult } from '../engine/run';
import { displayPath } from '../project/paths';

export function findingsText(
  result: RunResult,
  transforms: readonly Transform[],
  base: string,
  color: boolean,
): string {
  const c = color
    ? pc
    : { yellow: (s: string) => s, red: (s: string) => s, dim: (s: string) => s, cyan: (s: string) => s };
  const meta = new Map(transforms.map((t) => [t.meta.id, t.meta]));
  const lines: string[] = [];
  for (const r of result.files) {
    const name = displayPath(r.path, base);
    for (const f of r.findings) {
      const m = meta.get(f.transform);
      const severity =
        f.severity === 'error'
          ? c.red(f.severity)
          : f.severity === 'warning'
            ? c.yellow(f.severity)
            : c.cyan(f.severity);
      lines.push(
        `${name}:${f.line}:${f.column} ${severity} ${m ? renderMessage(m, f.messageId, f.data) : f.messageId} ${c.dim(`[${f.transform}/${f.messageId}, Q${f.question}${f.test ? ', test code' : ''}]`)}`,
      );
    }
    if (r.status === 'error') lines.push(`${name}: ${c.red('error')}: ${(r.reason ?? 'failed').split('\n')[0]}`);
    else if (r.status === 'skipped') {
      // Files with nothing to look at, and test code, are counted in the summary, not named one by one.
      if (r.skipKind !== 'prefilter' && r.skipKind !== 'test')
        lines.push(`${name}: ${c.yellow('skipped')}: ${r.reason}`);
    } else if (r.reason) lines.push(`${name}: ${c.yellow('note')}: ${r.reason}`);
  }
  return lines.join('\n');
}

/** Warnings are about the run, not a site: they go to stderr, whatever else goes where. */
export function warningsText(result: RunResult, color: boolean): string {
  return result.warnings.map((w) => `${color ? pc.yellow('warning') : 'warning'}: ${w}`).join('\n');
}

export function summaryText(result: RunResult, dry: boolean): string {
  const s = result.summary;
  const count = (record: Record<string, number>) =>
    Object.entries(record)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  const skippedOther = Object.entries(s.skipped).filter(([k]) => k !== 'prefilter');
  return [
    `files: ${s.files} found, ${s.analysed} analysed, ${s.skipped.prefilter ?? 0} with nothing to look at${skippedOther.length ? `, ${skippedOther.map(([k, n]) => `${n} skipped (${k === 'test' ? 'test code; --include-tests' : k})`).join(', ')}` : ''}`,
    `${dry ? 'would change' : 'changed'}: ${s.changed}${s.created ? ` (+${s.created} new module${s.created > 1 ? 's' : ''})` : ''}${dry ? '' : `, written: ${s.written}`}; fixes: ${count(s.fixes)}`,
    `findings: ${count(s.findings)} (${s.severities.error} error, ${s.severities.warning} warning, ${s.severities.note} note)`,
    `errors: ${s.errors}, elapsed: ${(s.elapsedMs / 1000).toFixed(2)}s`,
  ].join('\n');
}
