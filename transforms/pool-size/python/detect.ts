/** Candidate sites in Python: every pool the file makes (psycopg2, psycopg_pool, asyncpg). */
import { type PyPoolSite, findPyPoolSites } from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';

export interface Site {
  pool: PyPoolSite;
}

export function detect(ctx: PyContext): Site[] {
  return findPyPoolSites(ctx.facts).map((pool) => ({ pool }));
}
