/** Views of a run: unified diff, git patch, JSON document, text summary. */
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import pc from 'picocolors';
import type { RunResult } from './run';
import type { FileOutcome } from './transform-file';

function display(file: string, base: string): string {
  return path.relative(base, file).split(path.sep).join('/') || path.basename(file);
}

/** A unified diff of one file, with `a/` and `b/` prefixes so `git apply` takes it. */
export function fileDiff(outcome: FileOutcome, base: string): string {
  const name = display(outcome.path, base);
  const oldName = outcome.before === null ? '/dev/null' : `a/${name}`;
  const patch = createTwoFilesPatch(oldName, `b/${name}`, outcome.before ?? '', outcome.after, undefined, undefined, { context: 3 });
  // Drop the "Index:"/"====" preamble; start at the ---/+++ header, behind a git header.
  const body = patch.slice(patch.indexOf('--- '));
  const header = outcome.before === null ? `diff --git a/${name} b/${name}\nnew file mode 100644\n` : `diff --git a/${name} b/${name}\n`;
  return header + body;
}

export function patchText(result: RunResult, base: string): string {
  return changedFiles(result).map((o) => fileDiff(o, base)).join('');
}

export function colorDiff(text: string, color: boolean): string {
  if (!color) return text;
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff --git')) return pc.bold(line);
      if (line.startsWith('+')) return pc.green(line);
      if (line.startsWith('-')) return pc.red(line);
      if (line.startsWith('@@')) return pc.cyan(line);
      return line;
    })
    .join('\n');
}

function changedFiles(result: RunResult): FileOutcome[] {
  return result.files.filter((o) => o.changed && !o.error);
}

/** The one JSON document `--json` prints. Files with nothing to say are left out. */
export function jsonDocument(result: RunResult, base: string): object {
  return {
    files: result.files
      .filter((o) => o.changed || o.findings.length > 0 || o.error)
      .map((o) => ({
        path: display(o.path, base),
        changed: o.changed && !o.error,
        ...(o.before === null ? { created: true } : {}),
        findings: o.findings.map((f) => ({ transform: f.transform, line: f.line, column: f.column, message: f.message, question: f.question, reason: f.reason })),
        ...(o.error ? { error: o.error } : {}),
      })),
    summary: result.summary,
  };
}

export function findingsText(result: RunResult, base: string, color: boolean): string {
  const lines: string[] = [];
  for (const o of result.files) {
    for (const f of o.findings) {
      const where = `${display(o.path, base)}:${f.line}:${f.column}`;
      lines.push(`${color ? pc.yellow(where) : where} [${f.transform}/${f.reason}, Q${f.question}] ${f.message}`);
    }
    if (o.error) lines.push(`${display(o.path, base)}: ${color ? pc.red('error') : 'error'}: ${o.error.split('\n')[0]}`);
  }
  return lines.join('\n');
}

export function summaryText(result: RunResult, dry: boolean): string {
  const s = result.summary;
  const perTransform = Object.entries(s.findings)
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
  return [
    `files scanned: ${s.scanned}, skipped by pre-filter: ${s.skipped}, ${dry ? 'would change' : 'changed'}: ${s.changed}${dry ? '' : ` (written: ${s.written})`}`,
    `findings: ${perTransform || 'none'}`,
    `errors: ${s.errors}, elapsed: ${(s.elapsedMs / 1000).toFixed(2)}s`,
  ].join('\n');
}
