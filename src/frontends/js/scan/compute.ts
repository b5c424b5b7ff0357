/**
 * Turning file summaries into the cross-file facts transforms ask for. Each
 * kind is computed only when some file asked for it, and only from the files
 * that matter (the acquirer scan reads just the modules the asking files
 * import).
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveRelative } from '../resolve';
import { commonAncestor } from '../../../project/paths';
import type { FileSummary } from './summary';
import type { HelperPlan, ImportedAcquirers } from '../../../scan/types';

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

/** A summary's pool key with its import resolved to the module's file (`import:./db#pool` -> `/abs/db.ts#pool`). */
export function resolvedKey(key: string, from: string): string {
  if (!key.startsWith('import:')) return key;
  const [source, name] = key.slice('import:'.length).split('#');
  const target = resolveRelative(from, source);
  return target ? `${target}#${name}` : key;
}

/**
 * For one file: which imported callees take their own connection, and from
 * which pool; and which pool each of its own local names stands for. Reads
 * the summaries of the modules it imports (`summaryOf` parses them on demand).
 */
export function importedAcquirers(
  file: FileSummary,
  summaryOf: (path: string) => FileSummary | undefined,
): ImportedAcquirers {
  const result: ImportedAcquirers = { acquirers: {}, pools: {} };
  for (const name of file.moduleNames) result.pools[name] = `${file.path}#${name}`;
  for (const [local, { source, imported }] of Object.entries(file.relativeImports)) {
    const target = resolveRelative(file.path, source);
    if (!target) continue;
    result.pools[local] = `${target}#${imported}`;
    const summary = summaryOf(target);
    const key = summary?.acquiringExports[imported];
    if (key)
      result.acquirers[local] = {
        pool: resolvedKey(key, target),
        chain: [`${local}()`, `${path.basename(target)}: ${imported}()`],
      };
  }
  return result;
}
