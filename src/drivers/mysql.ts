/**
 * mysql (mysqljs/mysql 2.18): Readme ("Pooling connections") and lib/Pool.js.
 */
import type { DriverProfile } from './types';

export const mysql: DriverProfile = {
  id: 'mysql',
  label: 'mysql',
  modules: ['mysql'],
  namespaceExports: [],
  poolFactories: [{ kind: 'call', name: 'createPool' }],
  clientFactories: [{ kind: 'call', name: 'createConnection' }],
  acquire: 'getConnection',
  acquireMaxArgs: 0,
  acquireIgnoresArguments: false,
  release: [{ on: 'client', method: 'release' }],
  releaseArgDestroys: false,
  // lib/Pool.js releaseConnection: "Connection already released", when the pool can tell.
  doubleReleaseThrows: true,
  queryMethods: ['query'],
  poolQuery: true,
  transaction: { begin: ['beginTransaction'], rollback: ['rollback'] },
  asyncDisposableSince: null,
  helperName: 'withConnection',
  perCallClient: null,
  sharedPool: null,
  callbackModule: null,
  helperTypes: null,
  pool: {
    configArg: 0,
    acceptsUrl: true,
    // Readme: acquireTimeout (10000) bounds connecting, not the time spent waiting in the queue (mysqljs/mysql#2105).
    acquireTimeout: null,
    size: { key: 'connectionLimit', default: 10, source: 'lib/PoolConfig.js: connectionLimit 10' },
    min: null,
    idleTimeout: null,
    queueLimit: { key: 'queueLimit', default: 0, source: 'lib/PoolConfig.js: queueLimit 0 (unbounded)' },
    statementTimeout: null,
    startupParameters: [],
    queryTimeout: { key: 'timeout', default: null, source: 'per query: { sql, timeout }' },
    idleInTransactionTimeout: null,
    errorEvent: false,
    stats: null,
  },
  says: {
    doubleRelease: 'mysql throws "Connection already released" on a second release() when the pool can tell',
    leakEffect:
      "after `connectionLimit` leaks every caller queues (mysql's acquireTimeout does not cover time spent in the queue)",
    releaseWithError: 'mysql ignores an argument to release(); use destroy() to evict a broken connection',
  },
};
