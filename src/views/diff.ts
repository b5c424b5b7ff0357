/** Unified diffs of changed files (with `a/` and `b/` prefixes, so `git apply` takes them), coloured for a terminal. */
import { formatPatch } from 'diff';
import pc from 'picocolors';
import { linePatch } from './line-diff';
import type { FileResult } from '../core/types';
import { displayPath } from '../project/paths';

export function isChange(r: FileResult): boolean {
  return (r.status === 'changed' || r.status === 'created') && r.after !== undefined;
}

export function fileDiff(r: FileResult, base: string): string {
  const name = displayPath(r.path, base);
  const created = r.before === null || r.before === undefined;
  const patch = formatPatch(linePatch(created ? '/dev/null' : `a/${name}`, `b/${name}`, r.before ?? '', r.after ?? ''));
  // Drop the "Index:"/"====" preamble; start at the ---/+++ header, behind a git header.
  const body = patch.slice(patch.indexOf('--- '));
  return `diff --git a/${name} b/${name}\n${created ? 'new file mode 100644\n' : ''}${body}`;
}

/** One patch for every change of a run; `git apply` (from `base`) applies it. */
export function patchText(results: readonly FileResult[], base: string): string {
  return results
    .filter(isChange)
    .map((r) => fileDiff(r, base))
    .join('');
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
