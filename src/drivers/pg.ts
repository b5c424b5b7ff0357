/**
 * pg (node-postgres) and pg-pool. Read in brianc/node-postgres @c9e57617
 * (pg 8.23.0, pg-pool 3.14.0): packages/pg-pool/index.js,
 * docs/pages/apis/pool.mdx and client.mdx, packages/pg/lib/client.js.
 */
import type { DriverProfile } from './types';

export const pg: DriverProfile = {
  id: 'pg',
  label: 'pg',
  modules: ['pg', 'pg-pool'],
  // lib/index.js:53-71: `native` is a getter returning `new PG(require('./native'))`, the same Pool and Client API on
  // libpq bindings.
  namespaceExports: ['native'],
  // packages/pg-pool/index.js:517 `module.exports = Pool`: `import Pool from 'pg-pool'` and `require('pg-pool')` are the
  // class pg's own `Pool` extends (packages/pg/lib/index.js:8-25, `class BoundPool extends Pool`).
  moduleExports: { 'pg-pool': 'Pool' },
  // pool.mdx: `new Pool(config)`; client.mdx: `new Client(config)`.
  poolFactories: [{ kind: 'new', name: 'Pool' }],
  clientFactories: [{ kind: 'new', name: 'Client' }],
  // pg-pool index.js `connect(cb)`: returns a promise when called without a callback.
  acquire: 'connect',
  acquireMaxArgs: 0,
  acquireIgnoresArguments: false,
  // pg-pool index.js: the client gets `release(err)`; `done` in the callback form is the same function.
  release: [{ on: 'client', method: 'release' }],
  // pg-pool index.js `_release`: a truthy err (or `true`) destroys the client instead of returning it.
  releaseArgDestroys: true,
  // pg-pool index.js: "Release called on client which has already been released to the pool."
  doubleReleaseThrows: true,
  queryMethods: ['query'],
  // pg-pool index.js `query`: acquires, runs one statement, releases.
  poolQuery: true,
  // transactions.mdx: BEGIN/COMMIT/ROLLBACK are sent as queries on one checked-out client.
  transaction: { begin: [], rollback: [] },
  // PoolClient has no Symbol.asyncDispose in pg 8.23.
  asyncDisposableSince: null,
  // CHANGELOG.md, 7.0.0: "Remove `pg.connect` `pg.end` and `pg.cancel` singleton methods" (pg 6 checks out from a
  // pool the module keeps per config, with `pg.connect(config, (err, client, done) => ...)`).
  readSince: { version: '7.0.0', before: 'the singleton pool of `pg.connect(config, callback)`' },
  helperName: 'withClient',
  // client.mdx: a Client is connected with `connect()` and closed with `end()`; it cannot be reconnected.
  perCallClient: { module: 'pg', connect: 'connect', end: ['end'] },
  sharedPool: {
    module: 'pg',
    importName: 'Pool',
    importKind: 'named',
    create: (config) => `new Pool(${config})`,
    // @types/pg: `export class Pool`.
    type: 'Pool',
  },
  // pg's Pool and Client take callbacks and return promises alike.
  callbackModule: null,
  helperTypes: {
    module: 'pg',
    pool: 'PgPool',
    connection: 'PoolClient',
    names: [{ name: 'Pool', alias: 'PgPool' }, { name: 'PoolClient' }],
  },
  pool: {
    configArg: 0,
    acceptsUrl: false,
    // pg-pool index.js `connect`: no timer unless connectionTimeoutMillis is set; the same timer covers the queue.
    acquireTimeout: {
      key: 'connectionTimeoutMillis',
      default: 0,
      source: 'pg-pool index.js connect(): waits forever when 0',
    },
    size: { key: 'max', default: 10, aliases: ['poolSize'], source: 'pg-pool index.js: max || poolSize || 10' },
    min: { key: 'min', default: 0, source: 'pg-pool index.js _isAboveMin' },
    // pg-pool does not read pg's lib/defaults.js (30000): its own default applies.
    idleTimeout: {
      key: 'idleTimeoutMillis',
      default: 10000,
      source: 'pg-pool index.js: idleTimeoutMillis = 10000 when undefined',
    },
    queueLimit: null,
    statementTimeout: {
      key: 'statement_timeout',
      default: null,
      source: 'pg lib/client.js getStartupConf: sent as a startup parameter',
    },
    queryTimeout: {
      key: 'query_timeout',
      default: null,
      source: 'pg lib/client.js query(): fails the call with "Query read timeout"',
    },
    idleInTransactionTimeout: {
      key: 'idle_in_transaction_session_timeout',
      default: null,
      source: 'pg lib/client.js getStartupConf',
    },
    // pg lib/client.js getStartupConf: these config keys go into the startup packet, which PgBouncer refuses.
    startupParameters: ['statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout', 'options'],
    // Each only when its value is truthy (getStartupConf: `if (params.statement_timeout) { ... }`, and so for each).
    startupParametersOnlyTruthy: true,
    // lib/native/client.js builds a libpq connection string (connection-parameters.js getLibpqConnectionString,
    // lines 145-178): of these keys only `options` goes into it; the others are dropped without a word.
    startupParametersVia: { native: ['options'] },
    errorEvent: true,
    stats: { total: 'totalCount', idle: 'idleCount', waiting: 'waitingCount' },
  },
  says: {
    doubleRelease:
      'pg throws "Release called on client which has already been released to the pool." on the second release()',
    leakEffect: "after `max` leaks every caller waits forever (pg's connectionTimeoutMillis defaults to 0)",
    releaseWithError: 'pg destroys a client released with an error instead of returning it to the pool',
  },
};
