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

/**
 * What taking a connection can raise besides the library's own classes
 * (which `PY_DRIVERS[].modules` name; each derives from `Exception`):
 * network failures as `OSError` and its subclasses (asyncpg's connect lets
 * `ConnectionRefusedError` and `socket.gaierror` through) and timeouts as
 * `TimeoutError` / `asyncio.TimeoutError` (asyncpg's `connect(timeout=)`
 * and `pool.acquire(timeout=)`; asyncpg docs, "API Reference"). These are
 * the standard modules such classes come from.
 */
export const CONNECTION_ERROR_MODULES: ReadonlySet<string> = new Set([
  'socket',
  'asyncio',
  'ssl',
  'concurrent',
  'builtins',
]);

/**
 * Builtin exceptions none of those is, nor derives from: an `except` naming
 * only these (or the project's own classes) cannot catch a failed checkout.
 * The `BaseException` ones that are not `Exception`s stop a program or a
 * generator (Python docs, "Built-in Exceptions": `KeyboardInterrupt`,
 * `SystemExit`, `GeneratorExit`): control flow, not a failure.
 */
export const NEVER_CONNECTION_ERRORS: ReadonlySet<string> = new Set([
  'ArithmeticError',
  'AssertionError',
  'AttributeError',
  'GeneratorExit',
  'KeyboardInterrupt',
  'SystemExit',
  'FileNotFoundError',
  'ImportError',
  'IndexError',
  'KeyError',
  'LookupError',
  'ModuleNotFoundError',
  'NameError',
  'NotImplementedError',
  'OverflowError',
  'StopAsyncIteration',
  'StopIteration',
  'TypeError',
  'UnicodeDecodeError',
  'UnicodeEncodeError',
  'UnicodeError',
  'ValueError',
  'ZeroDivisionError',
]);

/**
 * Classes of those standard modules that never mean a failed checkout: a
 * task's cancellation (Python docs, "asyncio Exceptions": `CancelledError`,
 * "the operation has been cancelled", a `BaseException` since 3.8; and
 * concurrent.futures' own), raised into an awaiting checkout when its task
 * is cancelled, as at shutdown.
 */
export const NEVER_CONNECTION_ERROR_CLASSES: ReadonlySet<string> = new Set([
  'asyncio.CancelledError',
  'asyncio.exceptions.CancelledError',
  'concurrent.futures.CancelledError',
]);
