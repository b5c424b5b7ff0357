/**
 * split-io's own cross-file fact: for one file, which imported functions take
 * a connection of their own, and from which pool (so a section that awaits
 * one while holding a connection from the same pool is a nested checkout),
 * and which pool each of its local names stands for. Reads the summaries of
 * the modules the file imports, parsed on demand.
 */
import path from 'node:path';
import type { FileFact } from '../../../src/core/facts';
import type { FileSummary } from '../../../src/frontends/js/scan/summary';
import { resolvedPoolKey } from '../../../src/frontends/js/scan/pool-keys';
import { resolveRelative } from '../../../src/frontends/js/resolve';
import { jsSummaryOf } from '../../../src/frontends/js/scan/facts';

/** Imported names of one file that take their own connection, and the pools its local names stand for. */
export interface ImportedAcquirers {
  /** Local callee name -> the pool it acquires from (a key), and the chain of calls that leads there. */
  acquirers: Record<string, { pool: string; chain: string[] }>;
  /** Local pool name -> key (the module and export it comes from). */
  pools: Record<string, string>;
}

export const ACQUIRERS: FileFact<ImportedAcquirers> = {
  id: 'split-io/acquirers',
  language: 'js',
  scope: 'file',
  empty: { acquirers: {}, pools: {} },
  compute(files, { summaries }) {
    const out: Record<string, ImportedAcquirers> = {};
    for (const file of files) {
      const summary = jsSummaryOf(summaries, file);
      out[file] = summary ? importedAcquirers(summary, (f) => jsSummaryOf(summaries, f)) : { acquirers: {}, pools: {} };
    }
    return out;
  },
};

/**
 * For one file: which imported callees take their own connection, and from
 * which pool; and which pool each of its own local names stands for. Reads
 * the summaries of the modules it imports (`summaryOf` parses them on demand).
 */
function importedAcquirers(file: FileSummary, summaryOf: (path: string) => FileSummary | undefined): ImportedAcquirers {
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
        pool: resolvedPoolKey(key, target),
        chain: [`${local}()`, `${path.basename(target)}: ${imported}()`],
      };
  }
  return result;
}
