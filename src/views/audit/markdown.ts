/**
 * The audit as a pull-request comment: the scorecard as a table, a
 * collapsible section per review question with its findings linked to
 * `path#Lline`, and under each finding `run` fixes, the diff of that fix.
 */
import type { AuditModel } from './model';

const ICON: Record<string, string> = { yes: 'yes', no: '**no**', partly: 'partly', 'n/a': 'n/a' };

export function auditMarkdown(model: AuditModel, linkBase = ''): string {
  const out: string[] = ['## pool-codemod audit', ''];
  out.push(
    '| # | review question | answer | errors | warnings | notes | fine | `run` fixes |',
    '|---:|---|---|---:|---:|---:|---:|---:|',
  );
  for (const s of model.scores)
    out.push(
      `| ${s.question} | ${s.text} | ${ICON[s.verdict]} | ${s.findings.error} | ${s.findings.warning} | ${s.findings.note} | ${s.fine} | ${s.fixable} |`,
    );
  out.push('');
  for (const s of model.scores) {
    const mine = model.findings.filter((f) => f.question === s.question);
    if (mine.length === 0) continue;
    out.push('<details>', `<summary><b>${s.question}. ${escape(s.text)}</b>: ${mine.length} finding(s)</summary>`, '');
    for (const f of mine) {
      const link = `[\`${f.path}:${f.line}\`](${linkBase}${f.path}#L${f.line})`;
      out.push(
        `- ${link} **${f.severity}**${f.baseline ? ' (baseline)' : ''} ${escape(f.message)} <sub>${f.transform}/${f.messageId}</sub>`,
      );
      if (f.fixCommand) out.push(`  <br>\`run\` fixes it: \`${f.fixCommand}\``);
      if (f.fixDiff)
        out.push(
          '',
          '  ```diff',
          ...f.fixDiff
            .trimEnd()
            .split('\n')
            .map((l) => `  ${l}`),
          '  ```',
        );
    }
    out.push('', '</details>', '');
  }
  const s = model.result.summary;
  out.push(
    `<sub>${model.findings.length} finding(s) in ${s.analysed} analysed file(s) of ${s.files}; pool-codemod ${model.version}.</sub>`,
  );
  return `${out.join('\n')}\n`;
}

/** Markdown's own characters in messages would turn into formatting. */
function escape(text: string): string {
  return text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\|/g, '\\|');
}
