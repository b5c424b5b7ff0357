/**
 * The audit as one self-contained HTML page (no script, no network): the
 * scorecard, the findings per review question, and each fix's diff side by
 * side (before | after).
 */
import { parsePatch } from 'diff';
import type { AuditFinding, AuditModel } from './model';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:72rem;color:#1f2328;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
.meta{color:#59636e;margin:0 0 1.5rem}
table.scorecard{border-collapse:collapse;width:100%}table.scorecard th,table.scorecard td{border:1px solid #d0d7de;padding:.4rem .6rem;text-align:left}
table.scorecard td.n{text-align:right;font-variant-numeric:tabular-nums}
.verdict{display:inline-block;min-width:3.5rem;text-align:center;border-radius:1rem;padding:.05rem .5rem;font-weight:600}
.verdict.yes{background:#dafbe1;color:#116329}.verdict.no{background:#ffebe9;color:#a40e26}.verdict.partly{background:#fff8c5;color:#7d4e00}.verdict.na{background:#eaeef2;color:#59636e}
.finding{border:1px solid #d0d7de;border-radius:6px;margin:.75rem 0;padding:.6rem .8rem}
.finding .where{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}
.sev{font-weight:600;text-transform:uppercase;font-size:11px;border-radius:4px;padding:.05rem .35rem;margin-right:.4rem}
.sev.error{background:#ffebe9;color:#a40e26}.sev.warning{background:#fff8c5;color:#7d4e00}.sev.note{background:#ddf4ff;color:#0a3069}
.id{color:#59636e;font-size:12px}.fix{margin:.4rem 0 0;color:#116329}
table.diff{border-collapse:collapse;width:100%;margin-top:.5rem;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;table-layout:fixed}
table.diff td{padding:0 .5rem;white-space:pre-wrap;word-break:break-all;vertical-align:top;border-left:1px solid #d0d7de}
table.diff td.ln{width:2.5rem;color:#8c959f;text-align:right;border:none}
table.diff td.del{background:#ffebe9}table.diff td.add{background:#dafbe1}table.diff td.empty{background:#f6f8fa}
table.diff th{font-weight:600;text-align:left;padding:.2rem .5rem;background:#f6f8fa;border-left:1px solid #d0d7de}
`;

export function auditHtml(model: AuditModel): string {
  const s = model.result.summary;
  const body: string[] = [
    '<h1>pool-codemod audit</h1>',
    `<p class="meta">${model.findings.length} finding(s) in ${s.analysed} analysed file(s) of ${s.files}; pool-codemod ${esc(model.version)}</p>`,
    '<table class="scorecard"><thead><tr><th>#</th><th>Review question</th><th>Answer</th><th>Errors</th><th>Warnings</th><th>Notes</th><th>Fine</th><th><code>run</code> fixes</th></tr></thead><tbody>',
    ...model.scores.map(
      (q) =>
        `<tr><td class="n">${q.question}</td><td>${esc(q.text)}</td><td><span class="verdict ${q.verdict === 'n/a' ? 'na' : q.verdict}">${q.verdict}</span></td><td class="n">${q.findings.error}</td><td class="n">${q.findings.warning}</td><td class="n">${q.findings.note}</td><td class="n">${q.fine}</td><td class="n">${q.fixable}</td></tr>`,
    ),
    '</tbody></table>',
  ];
  for (const q of model.scores) {
    const mine = model.findings.filter((f) => f.question === q.question);
    if (mine.length === 0) continue;
    body.push(`<h2 id="q${q.question}">${q.question}. ${esc(q.text)}</h2>`, ...mine.map(finding));
  }
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>pool-codemod audit</title><style>${STYLE}</style></head><body>\n${body.join('\n')}\n</body></html>\n`;
}

function finding(f: AuditFinding): string {
  const parts = [
    `<div class="finding"><div><span class="sev ${f.severity}">${f.severity}</span><span class="where">${esc(f.path)}:${f.line}:${f.column}</span>${f.baseline ? ' <span class="id">(baseline)</span>' : ''}</div>`,
    `<div>${esc(f.message)} <span class="id">${esc(f.transform)}/${esc(f.messageId)}</span></div>`,
  ];
  if (f.fixCommand) parts.push(`<div class="fix"><code>${esc(f.fixCommand)}</code> fixes it</div>`);
  if (f.fixDiff) parts.push(sideBySide(f.fixDiff));
  parts.push('</div>');
  return parts.join('');
}

/** A unified diff as two columns: removed lines on the left, added on the right, paired where they replace each other. */
function sideBySide(diff: string): string {
  const [patch] = parsePatch(diff);
  const rows: string[] = [
    '<table class="diff"><colgroup><col style="width:2.5rem"><col><col style="width:2.5rem"><col></colgroup><thead><tr><th colspan="2">before</th><th colspan="2">after</th></tr></thead><tbody>',
  ];
  for (const h of patch?.hunks ?? []) {
    let oldLine = h.oldStart;
    let newLine = h.newStart;
    for (let i = 0; i < h.lines.length;) {
      const line = h.lines[i];
      if (line.startsWith(' ')) {
        rows.push(
          `<tr><td class="ln">${oldLine++}</td><td>${esc(line.slice(1))}</td><td class="ln">${newLine++}</td><td>${esc(line.slice(1))}</td></tr>`,
        );
        i++;
        continue;
      }
      const removed: string[] = [];
      const added: string[] = [];
      while (i < h.lines.length && h.lines[i].startsWith('-')) removed.push(h.lines[i++].slice(1));
      while (i < h.lines.length && h.lines[i].startsWith('+')) added.push(h.lines[i++].slice(1));
      if (removed.length === 0 && added.length === 0) {
        i++; // "\\ No newline at end of file"
        continue;
      }
      for (let k = 0; k < Math.max(removed.length, added.length); k++) {
        const left =
          k < removed.length
            ? `<td class="ln">${oldLine++}</td><td class="del">${esc(removed[k])}</td>`
            : '<td class="ln"></td><td class="empty"></td>';
        const right =
          k < added.length
            ? `<td class="ln">${newLine++}</td><td class="add">${esc(added[k])}</td>`
            : '<td class="ln"></td><td class="empty"></td>';
        rows.push(`<tr>${left}${right}</tr>`);
      }
    }
  }
  rows.push('</tbody></table>');
  return rows.join('');
}

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
