/**
 * Cross-file facts as test cases and fixtures state them (`pools`, `processes`, `helper`,
 * `acquirers`, `ioTypes`, `pyPools`, `pyImportedNames`, `pyDependencies`, `pyAcquirers`, `poolInstances`, in a fixture's
 * options.json too), turned into the engine's `ScanData` keyed by the facts
 * that own them.
 */
import { type ScanData, emptyScanData } from '../../src/core/facts';
import { HELPER, POOLS, PROCESSES } from '../../src/frontends/js/scan/facts';
import type { ProcessRoots } from '../../src/project/process-groups';
import type { HelperPlan, SharedPool } from '../../src/frontends/js/scan/types';
import { ACQUIRERS, type ImportedAcquirers } from '../../transforms/split-io/js/acquirers';
import { IO_TYPES } from '../../transforms/split-io/js/io-types';
import { PY_POOLS, type PySharedPool } from '../../src/frontends/python/scan/pools';
import { PY_IMPORTED_NAMES } from '../../src/frontends/python/scan/imported';
import { PY_DEPENDENCIES } from '../../src/frontends/python/scan/dependencies';
import { PY_ACQUIRERS, type PyImportedAcquirers } from '../../transforms/split-io/python/acquirers';
import { POOL_INSTANCES, type PerCallInstance } from '../../src/frontends/js/scan/instances';

export interface TestScan {
  pools?: SharedPool[];
  /** Per module: the entry points that load it. */
  processes?: ProcessRoots;
  helper?: HelperPlan | null;
  acquirers?: Record<string, ImportedAcquirers>;
  ioTypes?: Record<string, string[]>;
  pyPools?: PySharedPool[];
  /** Per module: the names other modules import from it (`*`: the whole module). */
  pyImportedNames?: Record<string, string[]>;
  /** Per module: its functions the project uses only through FastAPI's `Depends(...)`. */
  pyDependencies?: Record<string, string[]>;
  /** Per module: the imported functions that take a connection of their own, and the pools its names stand for. */
  pyAcquirers?: Record<string, PyImportedAcquirers>;
  /** Per module: its pool-making classes, and where each (or a subclass) is instantiated per call. */
  poolInstances?: Record<string, Record<string, PerCallInstance[]>>;
}

export function scanData(given: TestScan = {}): ScanData {
  const data = emptyScanData();
  if (given.pools) data.project[POOLS.id] = given.pools;
  if (given.processes) data.project[PROCESSES.id] = given.processes;
  if (given.helper !== undefined) data.project[HELPER.id] = given.helper;
  if (given.acquirers) data.files[ACQUIRERS.id] = given.acquirers;
  if (given.ioTypes) data.files[IO_TYPES.id] = given.ioTypes;
  if (given.pyPools) data.project[PY_POOLS.id] = given.pyPools;
  if (given.pyImportedNames) data.files[PY_IMPORTED_NAMES.id] = given.pyImportedNames;
  if (given.pyDependencies) data.files[PY_DEPENDENCIES.id] = given.pyDependencies;
  if (given.pyAcquirers) data.files[PY_ACQUIRERS.id] = given.pyAcquirers;
  if (given.poolInstances) data.files[POOL_INSTANCES.id] = given.poolInstances;
  return data;
}

/** The project scan of one shared module-level pool (`pool`, exported) of a driver. */
export function sharedPool(driver: string, path: string, config = '', api?: 'callback'): TestScan {
  return { pools: [{ driver, path, name: 'pool', config, exported: true, planned: false, ...(api ? { api } : {}) }] };
}
