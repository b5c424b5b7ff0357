/**
 * PY_POOLS: the Python pools a per-call connection can move to. The
 * project's module-level pools (from the file summaries), and, where no pool
 * of a library exists and every per-call connection of it across the
 * project uses one config, a pool module the run plans to write (`db.py` in
 * the directory of those files; one directory only, so every file imports
 * it by the same name). Read by client-to-pool.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FactInput, ProjectFact } from '../../../core/facts';
import type { PyDriverId } from '../../../drivers/python';
import type { PySummary } from '../summary';

export interface PySharedPool {
  driver: PyDriverId;
  /** The module file that holds (or will hold) it. */
  path: string;
  name: string;
  /** An asyncio pool: only code that awaits its checkouts can use it. */
  async: boolean;
  /** Planned by this run: the module does not exist yet. */
  planned: boolean;
  /** For a planned module: the config to make it with, as written at the call sites. */
  config?: string;
  /** For a planned module: the imports that config reads names from, as the call sites' modules make them. */
  imports?: string[];
  /** The config key (white space out), when the pool was made from one the tool can compare. */
  key?: string;
  /** The function that makes it on first use (see PySummary's pools): the name is None until it runs. */
  lazy?: string;
}

/** The Python files' summaries. */
export function pySummaries(input: FactInput): PySummary[] {
  return input.summaries.all().flatMap((s) => (s.language === 'python' ? [s.value] : []));
}

function planPyPools(summaries: readonly PySummary[]): PySharedPool[] {
  const sorted = [...summaries].sort((a, b) => a.path.localeCompare(b.path));
  const existing: PySharedPool[] = sorted.flatMap((s) =>
    s.pools.map((p) => ({
      driver: p.driver,
      path: s.path,
      name: p.name,
      async: p.async,
      planned: false,
      key: p.key,
      ...(p.lazy ? { lazy: p.lazy } : {}),
    })),
  );
  const planned: PySharedPool[] = [];
  // A pool module the tool writes makes its pool at import time, which only a pool for threads can be (asyncpg's
  // is made by an awaited factory, psycopg's asyncio pool is opened by an awaited open()): asyncio connections
  // cannot move to it.
  const blocking = (s: PySummary) => s.connectConfigs.filter((c) => !c.async);
  const drivers = new Set(sorted.flatMap((s) => blocking(s).map((c) => c.driver)));
  for (const driver of drivers) {
    if (existing.some((p) => p.driver === driver)) continue;
    const sites = sorted.filter((s) => blocking(s).some((c) => c.driver === driver));
    // One config: the same arguments, reading the same imported names (two modules may import DB_HOST from two places).
    const configs = new Map(
      sites
        .flatMap((s) => blocking(s).filter((c) => c.driver === driver))
        .map((c) => [`${c.key}\n${c.imports.join('\n')}`, c]),
    );
    const dirs = new Set(sites.map((s) => path.dirname(s.path)));
    if (configs.size !== 1 || dirs.size !== 1) continue;
    const dir = [...dirs][0];
    const target = ['db.py', 'pool.py', 'database.py'].map((n) => path.join(dir, n)).find((f) => !fs.existsSync(f));
    if (!target) continue;
    const [[, { key, source, imports }]] = [...configs];
    planned.push({
      driver,
      path: target,
      name: 'pool',
      async: false,
      planned: true,
      config: source,
      key,
      ...(imports.length > 0 ? { imports } : {}),
    });
  }
  return [...existing, ...planned];
}

export const PY_POOLS: ProjectFact<PySharedPool[]> = {
  id: 'python/pools',
  language: 'python',
  scope: 'project',
  empty: [],
  summaryPrefilter: [/\b(psycopg2|psycopg_pool|psycopg|asyncpg)\b/],
  compute: (input) => planPyPools(pySummaries(input)),
};
