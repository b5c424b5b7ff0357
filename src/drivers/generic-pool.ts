/**
 * generic-pool 3.9.0: README, lib/Pool.js, lib/PoolDefaults.js.
 */
import type { DriverProfile } from './types';

export const genericPool: DriverProfile = {
  id: 'generic-pool',
  label: 'generic-pool',
  modules: ['generic-pool'],
  poolFactories: [{ kind: 'call', name: 'createPool' }],
  clientFactories: [],
  // lib/Pool.js acquire(priority)
  acquire: 'acquire',
  acquireMaxArgs: 1,
  release: [{ on: 'pool', method: 'release' }],
  releaseArgDestroys: false,
  // lib/Pool.js release: "Resource not currently part of this pool" for a resource not on loan.
  doubleReleaseThrows: true,
  queryMethods: ['query', 'execute'],
  // A generic-pool pool hands out resources; it runs nothing itself.
  poolQuery: false,
  transaction: { begin: [], rollback: [] },
  asyncDisposableSince: null,
  helperName: 'withResource',
  perCallClient: null,
  sharedPool: null,
  callbackModule: null,
  helperTypes: { module: 'generic-pool', pool: 'GenericPool<R>', connection: 'R', names: [{ name: 'Pool', alias: 'GenericPool' }] },
  says: {
    doubleRelease: 'generic-pool rejects a second release() with "Resource not currently part of this pool"',
    leakEffect: 'after `max` leaks (generic-pool defaults to max 1) every acquire waits forever unless acquireTimeoutMillis is set',
    releaseWithError: 'generic-pool has no release-with-error; destroy(resource) evicts it',
  },
};
