/**
 * generic-pool 3.9.0: README, lib/Pool.js, lib/PoolDefaults.js, lib/PoolOptions.js.
 */
import type { DriverProfile } from './types';

export const genericPool: DriverProfile = {
  id: 'generic-pool',
  label: 'generic-pool',
  modules: ['generic-pool'],
  namespaceExports: [],
  poolFactories: [{ kind: 'call', name: 'createPool' }],
  clientFactories: [],
  // lib/Pool.js acquire(priority)
  acquire: 'acquire',
  acquireMaxArgs: 1,
  acquireIgnoresArguments: false,
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
  helperTypes: {
    module: 'generic-pool',
    pool: 'GenericPool<R>',
    connection: 'R',
    names: [{ name: 'Pool', alias: 'GenericPool' }],
  },
  pool: {
    // createPool(factory, opts)
    configArg: 1,
    acceptsUrl: false,
    acquireTimeout: {
      key: 'acquireTimeoutMillis',
      default: null,
      source: 'lib/PoolDefaults.js: acquireTimeoutMillis null (wait forever)',
    },
    size: { key: 'max', default: 1, source: 'lib/PoolOptions.js: max = Math.max(parseInt(opts.max) || 1, 1)' },
    min: { key: 'min', default: 0, source: 'lib/PoolOptions.js: min 0 when not a number' },
    idleTimeout: {
      key: 'idleTimeoutMillis',
      default: 30000,
      source: 'lib/PoolDefaults.js: idleTimeoutMillis 30000, with the evictor off by default',
    },
    queueLimit: {
      key: 'maxWaitingClients',
      default: null,
      source: 'lib/PoolDefaults.js: maxWaitingClients null (unbounded)',
    },
    statementTimeout: null,
    startupParameters: [],
    queryTimeout: null,
    idleInTransactionTimeout: null,
    errorEvent: false,
    stats: { total: 'size', idle: 'available', waiting: 'pending' },
  },
  says: {
    doubleRelease: 'generic-pool rejects a second release() with "Resource not currently part of this pool"',
    leakEffect:
      'after `max` leaks (generic-pool defaults to max 1) every acquire waits forever unless acquireTimeoutMillis is set',
    releaseWithError: 'generic-pool has no release-with-error; destroy(resource) evicts it',
  },
};
