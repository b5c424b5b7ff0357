/**
 * What one Python file contributes to the project scan, from the facts of
 * its first pass: the pools it makes at module level (another module may
 * import them: `from app.db import pool`), the names it binds at module
 * level, its imports, the scoped helpers it defines, and the functions that
 * take a connection from a module-level pool.
 */
import type { Node } from 'web-tree-sitter';
import type { PyDriverId } from '../../drivers/python';
import { configOf, connectKey, isOneShotFile } from './analysis/connections';
import { findPyConnectSites, findPyPoolSites } from './analysis/driver-use';
import type { PyContext } from './context';
import type { PyFunction } from './facts';
import { type PyPoolCaller, poolCallers } from './analysis/pool-callers';

interface PySummaryPool {
  name: string;
  driver: PyDriverId;
  /** The pool class or factory (`ThreadedConnectionPool`, `create_pool`). */
  cls: string;
  /** An asyncio pool (`AsyncConnectionPool`, asyncpg's): its checkouts are awaited. */
  async: boolean;
  line: number;
  /** Where it connects (`connectKey`): what a per-call connection's config is compared with. */
  key: string;
  /**
   * The function that makes it on first use (`get_pool()`: it returns the
   * pool, or makes it under `if not pool`), when it is made that way: until
   * that function runs, the module's name holds None.
   */
  lazy?: string;
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
  /** Module-level functions that take a connection from a module-level name (a pool, here or imported). */
  poolCallers: PyPoolCaller[];
  /** Configs of connections opened per call that a shared pool module could hold (not in a script run once). */
  connectConfigs: { driver: PyDriverId; source: string; key: string; async: boolean; imports: string[] }[];
}

export function summarisePy(ctx: PyContext): PySummary {
  const { facts } = ctx;
  const pools: PySummaryPool[] = [];
  for (const site of findPyPoolSites(facts)) {
    // A module-level pool: made at module level, or by a function that declares the name global.
    const name = site.target;
    if (!name || name.includes('.')) continue;
    if (site.fn && site.fn.locals.has(name)) continue;
    // psycopg2's pools take minconn and maxconn before the connect arguments.
    const skip = site.driver.id === 'psycopg2' ? 2 : 0;
    pools.push({
      name,
      driver: site.driver.id,
      cls: site.cls.name,
      async: site.cls.async,
      line: site.call.startPosition.row + 1,
      key: connectKey(site.call, skip),
      ...(site.fn && madeOnFirstUse(site.fn, site.statement, name) ? { lazy: site.fn.name } : {}),
    });
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
    poolCallers: poolCallers(facts),
    connectConfigs: isOneShotFile(ctx.path, facts)
      ? []
      : findPyConnectSites(facts)
          .filter((site) => site.fn !== null)
          .map((site) => ({ site, config: configOf(site, facts) }))
          // Imported names a module beside this one can import too travel with the config.
          .filter(
            ({ config }) =>
              config.perCall.length === 0 &&
              config.moduleLevel.every((name) => config.carried.includes(name)) &&
              config.aliases.length === 0,
          )
          .map(({ site, config }) => ({
            driver: site.driver.id,
            source: config.source,
            key: config.key,
            async: site.async,
            imports: config.imports,
          })),
  };
}

/** The function makes the pool when first asked for it: it returns it, or makes it only while it is not there. */
function madeOnFirstUse(fn: PyFunction, statement: Node, name: string): boolean {
  const body = fn.node.childForFieldName('body');
  const returnsIt = (body?.descendantsOfType('return_statement') ?? []).some(
    (r) => r?.namedChildren[0]?.type === 'identifier' && r.namedChildren[0].text === name,
  );
  if (returnsIt) return true;
  for (let n = statement.parent; n && n.id !== fn.node.id; n = n.parent) {
    const condition = n.type === 'if_statement' ? n.childForFieldName('condition') : null;
    if (condition && new RegExp(`\\b${name}\\b`).test(condition.text)) return true;
  }
  return false;
}
