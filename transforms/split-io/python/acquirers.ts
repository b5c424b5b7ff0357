/**
 * split-io's own cross-file fact for Python: for one file, which functions it
 * imports take a connection of their own, and from which pool (so a section
 * that calls one while holding a connection from the same pool is a nested
 * checkout), and which pool each of its module-level names stands for. A
 * pool is named by the module that makes it and its name there, followed
 * through re-imports (`from .db import pool` in a package's `__init__.py`).
 */
import path from 'node:path';
import type { FileFact, SummaryReader } from '../../../src/core/facts';
import { loadedModuleFile, submodule } from '../../../src/frontends/python/modules';
import type { PySummary } from '../../../src/frontends/python/summary';

export interface PyImportedAcquirers {
  /** A callee as the file writes it (`get_user`, `queries.get_user`) -> the pool it takes from, and what it calls. */
  acquirers: Record<string, { pool: string; what: string }>;
  /** A module-level name of the file -> the pool it is. */
  pools: Record<string, string>;
}

/** Re-imports followed before giving up (a package re-exporting a module's pool is one). */
const MAX_HOPS = 4;

export const PY_ACQUIRERS: FileFact<PyImportedAcquirers> = {
  id: 'split-io/python-acquirers',
  language: 'python',
  scope: 'file',
  empty: { acquirers: {}, pools: {} },
  compute(files, { summaries }) {
    const summaryOf = (file: string) => pySummaryOf(summaries, file);
    return Object.fromEntries(files.map((file) => [file, importedAcquirers(file, summaryOf)]));
  },
};

function pySummaryOf(summaries: SummaryReader, file: string): PySummary | undefined {
  const summary = summaries.of(file);
  return summary?.language === 'python' ? summary.value : undefined;
}

type SummaryOf = (file: string) => PySummary | undefined;

function importedAcquirers(file: string, summaryOf: SummaryOf): PyImportedAcquirers {
  const result: PyImportedAcquirers = { acquirers: {}, pools: {} };
  const own = summaryOf(file);
  if (!own) return result;
  for (const name of own.pools.map((p) => p.name)) result.pools[name] = `${file}#${name}`;
  for (const { local, module, imported } of own.imports) {
    if (imported === null) {
      // `import app.queries as queries`: its functions are called as `queries.get_user()`.
      addModule(result, local, loadedModuleFile(file, module), summaryOf);
      continue;
    }
    const pool = poolKey(file, local, summaryOf);
    if (pool) result.pools[local] = pool;
    const target = loadedModuleFile(file, module);
    const caller = target ? acquirerOf(target, imported, summaryOf) : undefined;
    if (caller) result.acquirers[local] = { pool: caller.pool, what: `\`${local}()\` (${caller.what})` };
    // `from app import queries`, where queries is a module of the package.
    else addModule(result, local, loadedModuleFile(file, submodule(module, imported)), summaryOf);
  }
  return result;
}

/** The functions of a module imported whole, as `local.name`. */
function addModule(result: PyImportedAcquirers, local: string, target: string | undefined, summaryOf: SummaryOf): void {
  for (const name of target ? (summaryOf(target)?.poolCallers.map((c) => c.name) ?? []) : []) {
    const caller = target ? acquirerOf(target, name, summaryOf) : undefined;
    if (caller)
      result.acquirers[`${local}.${name}`] = { pool: caller.pool, what: `\`${local}.${name}()\` (${caller.what})` };
  }
}

/**
 * The pool `name` in `file` is: a module-level pool it makes, or one it
 * imports from where that is made. Undefined for anything else (a lock has
 * an `acquire()` too).
 */
function poolKey(file: string, name: string, summaryOf: SummaryOf, hops = 0): string | undefined {
  const summary = summaryOf(file);
  if (!summary) return undefined;
  if (summary.pools.some((p) => p.name === name)) return `${file}#${name}`;
  const imported = summary.imports.find((i) => i.local === name && i.imported !== null);
  const target = imported ? loadedModuleFile(file, imported.module) : undefined;
  return target && imported?.imported && hops < MAX_HOPS
    ? poolKey(target, imported.imported, summaryOf, hops + 1)
    : undefined;
}

/** The pool function `name` of `file` takes a connection from, and what it calls, following a re-import. */
function acquirerOf(
  file: string,
  name: string,
  summaryOf: SummaryOf,
  hops = 0,
): { pool: string; what: string } | undefined {
  const summary = summaryOf(file);
  if (!summary) return undefined;
  for (const caller of summary.poolCallers.filter((c) => c.name === name)) {
    const pool = poolKey(file, caller.pool, summaryOf);
    if (pool) return { pool, what: `${path.basename(file)}: \`${name}()\` calls ${caller.call}` };
  }
  const imported = summary.imports.find((i) => i.local === name && i.imported !== null);
  const target = imported ? loadedModuleFile(file, imported.module) : undefined;
  return target && imported?.imported && hops < MAX_HOPS
    ? acquirerOf(target, imported.imported, summaryOf, hops + 1)
    : undefined;
}
