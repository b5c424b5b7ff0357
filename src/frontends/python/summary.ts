/**
 * What one Python file contributes to the project scan, from the facts of
 * its first pass: the pools it makes at module level (another module may
 * import them: `from app.db import pool`), the names it binds at module
 * level, its imports, and the scoped helpers it defines.
 */
import type { PyDriverId } from '../../drivers/python';
import { findPyPoolSites } from './analysis/driver-use';
import type { PyContext } from './context';

export interface PySummaryPool {
  name: string;
  driver: PyDriverId;
  /** The pool class or factory (`ThreadedConnectionPool`, `create_pool`). */
  cls: string;
  line: number;
}

export interface PySummary {
  path: string;
  pools: PySummaryPool[];
  /** Module-level imports: local name -> the module (as written) and the name taken from it. */
  imports: { local: string; module: string; imported: string | null }[];
  /** Names bound at module level. */
  names: string[];
  /** Functions defined at module level (helpers such as `get_db_connection`). */
  functions: string[];
}

export function summarisePy(ctx: PyContext): PySummary {
  const { facts } = ctx;
  const pools: PySummaryPool[] = [];
  for (const site of findPyPoolSites(facts)) {
    // A module-level pool: made at module level, or by a function that declares the name global.
    const name = site.target;
    if (!name || name.includes('.')) continue;
    if (site.fn && site.fn.locals.has(name)) continue;
    pools.push({ name, driver: site.driver.id, cls: site.cls.name, line: site.call.startPosition.row + 1 });
  }
  return {
    path: ctx.path,
    pools,
    imports: facts.imports
      .filter((i) => i.fn === null)
      .map((i) => ({ local: i.local, module: i.module, imported: i.imported })),
    names: [...facts.moduleNames],
    functions: facts.functions
      .filter((f) => f.parent === null && f.node.parent?.parent?.type !== 'class_definition')
      .map((f) => f.name),
  };
}
