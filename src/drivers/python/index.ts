/** The Python database libraries the tool knows, and lookups by module. */
import { asyncpg } from './asyncpg';
import { psycopg } from './psycopg';
import { psycopg2 } from './psycopg2';
import type { PyDriverId, PyDriverProfile } from './types';

export type { PyDriverId, PyDriverProfile, PyPoolClass } from './types';

export const PY_DRIVERS: readonly PyDriverProfile[] = [psycopg2, psycopg, asyncpg];

export function pyDriverById(id: PyDriverId): PyDriverProfile {
  const driver = PY_DRIVERS.find((d) => d.id === id);
  if (!driver) throw new Error(`no Python driver profile ${id}`);
  return driver;
}

/** The driver a module belongs to (`psycopg2.pool` -> psycopg2, `psycopg_pool` -> psycopg). */
export function pyDriverOfModule(module: string): PyDriverProfile | undefined {
  const top = module.split('.')[0];
  return PY_DRIVERS.find((d) => d.modules.includes(top));
}
