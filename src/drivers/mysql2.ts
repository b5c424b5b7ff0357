/**
 * mysql2 (callback API `mysql2`, promise API `mysql2/promise`). Read in
 * sidorares/node-mysql2 3.23.4: lib/pool_config.js, lib/base/pool.js,
 * lib/pool_connection.js, promise.js, and its documentation.
 */
import type { DriverProfile } from './types';

export const mysql2: DriverProfile = {
  id: 'mysql2',
  label: 'mysql2',
  modules: ['mysql2', 'mysql2/promise'],
  namespaceExports: [],
  poolFactories: [{ kind: 'call', name: 'createPool' }],
  clientFactories: [{ kind: 'call', name: 'createConnection' }],
  acquire: 'getConnection',
  acquireMaxArgs: 0,
  // lib/promise/pool.js:21 `getConnection()` declares no parameter: the promise pool ignores an argument.
  acquireIgnoresArguments: true,
  // lib/pool_connection.js `release()`; lib/base/pool.js `releaseConnection(conn)`.
  release: [
    { on: 'client', method: 'release' },
    { on: 'pool', method: 'releaseConnection' },
  ],
  // lib/promise/connection.js: a PromiseConnection keeps the callback connection as `this.connection`, and its
  // `release()` is `this.connection.release()`.
  wrapped: 'connection',
  releaseArgDestroys: false,
  // lib/base/pool.js releaseConnection: a connection already back in the free list is ignored.
  doubleReleaseThrows: false,
  queryMethods: ['query', 'execute'],
  poolQuery: true,
  transaction: { begin: ['beginTransaction'], rollback: ['rollback'] },
  // PromisePoolConnection implements Symbol.asyncDispose since 3.18.0.
  asyncDisposableSince: '3.18.0',
  helperName: 'withConnection',
  // The promise API only: a callback connection's queries cannot move to a promise pool.
  perCallClient: { module: 'mysql2/promise', connect: null, end: ['end', 'destroy'] },
  sharedPool: {
    module: 'mysql2/promise',
    importName: 'mysql',
    importKind: 'default',
    create: (config) => `mysql.createPool(${config})`,
    // mysql2/promise.d.ts: `export interface Pool`, reachable through the default import.
    type: 'mysql.Pool',
  },
  // lib/base/pool.js getConnection(cb): the callback API returns nothing, and calls `cb` when a connection (or an
  // error) is ready; awaited without one, the await gets undefined and the call throws `cb is not a function` later.
  callbackModule: 'mysql2',
  helperTypes: {
    module: 'mysql2/promise',
    pool: 'MysqlPool',
    connection: 'PoolConnection',
    names: [{ name: 'Pool', alias: 'MysqlPool' }, { name: 'PoolConnection' }],
  },
  pool: {
    configArg: 0,
    acceptsUrl: true,
    // No acquire timeout: an `acquireTimeout` option is ignored with "Ignoring invalid configuration option".
    acquireTimeout: null,
    size: { key: 'connectionLimit', default: 10, source: 'lib/pool_config.js: connectionLimit 10' },
    min: null,
    // The idle reaper runs only when maxIdle < connectionLimit; maxIdle defaults to connectionLimit.
    idleTimeout: {
      key: 'idleTimeout',
      default: 60000,
      source: 'lib/pool_config.js: idleTimeout 60000 (used only when maxIdle < connectionLimit)',
    },
    queueLimit: { key: 'queueLimit', default: 0, source: 'lib/pool_config.js: queueLimit 0 (unbounded)' },
    // Server-side limits are session settings (max_execution_time); the per-query `timeout` is client-side only.
    statementTimeout: null,
    startupParameters: [],
    queryTimeout: {
      key: 'timeout',
      default: null,
      source: 'per query: { sql, timeout } (PROTOCOL_SEQUENCE_TIMEOUT; no KILL is sent)',
    },
    idleInTransactionTimeout: null,
    // A connection that errors removes itself from the pool; the pool has no 'error' event.
    errorEvent: false,
    stats: null,
  },
  says: {
    doubleRelease:
      'mysql2 ignores a second release(), so the bug stays hidden until the connection is handed to two callers',
    leakEffect:
      'after `connectionLimit` leaks every caller queues without limit (mysql2 has no acquire timeout and queueLimit defaults to 0)',
    releaseWithError: 'mysql2 ignores an argument to release(); use destroy() to evict a broken connection',
  },
};
