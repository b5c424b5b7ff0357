/**
 * Where the scoped helper lives, from the file summaries: the HELPER fact
 * (scan/facts.ts) computes it when a file in helper style needs it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { commonAncestor } from '../../../project/paths';
import type { FileSummary } from './summary';
import type { HelperPlan } from './types';

/**
 * Where the scoped helper lives: `--helper-module` if given; else a module
 * that already exports a helper; else beside the module that defines the
 * pool; else in the common ancestor of the files.
 */
export function planHelper(
  summaries: readonly FileSummary[],
  files: readonly string[],
  explicit: string | undefined,
  exportsOf: (file: string) => string[],
): HelperPlan {
  if (explicit) {
    const file = path.resolve(explicit);
    return { path: file, exported: fs.existsSync(file) ? exportsOf(file) : [] };
  }
  const sorted = [...summaries].sort((a, b) => a.path.localeCompare(b.path));
  const existing = sorted.find((s) => s.exportsHelpers.length > 0);
  if (existing) return { path: existing.path, exported: existing.exportsHelpers };
  const poolModule = sorted.find((s) => s.definesPool);
  const anchor =
    poolModule?.path ??
    path.join(commonAncestor(files), files.some((f) => /\.tsx?$/.test(f)) ? 'index.ts' : 'index.js');
  const ext = path.extname(anchor) || '.js';
  return { path: path.join(path.dirname(anchor), `pool-helpers${ext}`), exported: [] };
}
