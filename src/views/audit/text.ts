/** The audit as text: the scorecard first, then the findings grouped by review question. */
import pc from 'picocolors';
import type { AuditModel } from './model';

const VERDICT_WIDTH = 7;

export function auditText(model: AuditModel, color: boolean): string {
  const c = color
    ? pc
    : {
        bold: (s: string) => s,
        red: (s: string) => s,
        yellow: (s: string) => s,
        green: (s: string) => s,
        dim: (s: string) => s,
        cyan: (s: string) => s,
      };
  const paint = (verdict: string) =>
    (verdict === 'yes' ? c.green : verdict === 'no' ? c.red : verdict === 'partly' ? c.yellow : c.dim)(
      verdict.padEnd(VERDICT_WIDTH),
    );
  const out: string[] = [c.bold('pool-codemod audit: the eight review questions'), ''];
  for (const s of model.scores) {
    const counts = `${s.findings.error} error, ${s.findings.warning} warning, ${s.findings.note} note; ${s.fine} fine${s.fixable ? `; run fixes ${s.fixable}` : ''}`;
    out.push(`${s.question}. ${paint(s.verdict)} ${s.text}  ${c.dim(counts)}`);
  }
  out.push('');
  for (const s of model.scores) {
    const mine = model.findings.filter((f) => f.question === s.question);
    if (mine.length === 0) continue;
    out.push(c.bold(`${s.question}. ${s.text}`));
    for (const f of mine) {
      const severity =
        f.severity === 'error'
          ? c.red(f.severity)
          : f.severity === 'warning'
            ? c.yellow(f.severity)
            : c.cyan(f.severity);
      const fix = f.fixCommand ? c.green(` fix: ${f.fixCommand}`) : '';
      out.push(
        `  ${f.path}:${f.line}:${f.column} ${severity}${f.baseline ? c.dim(' (baseline)') : ''} ${f.message} ${c.dim(`[${f.transform}/${f.messageId}]`)}${fix}`,
      );
    }
    out.push('');
  }
  const own = model.findings.filter((f) => f.question === 0);
  if (own.length > 0) {
    out.push(c.bold("pool-codemod's own directives"));
    for (const f of own) out.push(`  ${f.path}:${f.line}:${f.column} ${c.yellow(f.severity)} ${f.message}`);
    out.push('');
  }
  for (const w of model.result.warnings) out.push(`${c.yellow('warning')}: ${w}`);
  const total = model.findings.length;
  const baseline = model.findings.filter((f) => f.baseline).length;
  out.push(
    `${total} finding(s)${baseline ? ` (${baseline} in the baseline)` : ''} in ${model.result.summary.analysed} analysed file(s) of ${model.result.summary.files}.`,
  );
  return `${out.join('\n')}\n`;
}
