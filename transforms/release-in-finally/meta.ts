import { type MessageIdOf, type OptionsOfMeta, defineMeta } from '../../src/core/types';
import { HELPER_MODULE_OPTION, STYLE_OPTION } from '../../src/core/shared-options';
import { TEXT, TRANSACTION_HELPER_CALL } from '../../src/drivers';
import { SQL_SESSION_HEAD } from '../../src/drivers/sql';
import { HELPER_MODULE } from '../../src/frontends/js/providers';
import { DECORATED_POOLS, HELPER, IMPORTED_OBJECTS, POOLS, WRAPPED_ACQUIRES } from '../../src/frontends/js/scan/facts';
import { SECTION_MESSAGES } from '../../src/frontends/js/analysis/section-messages';
import { PY_DEPENDENCIES } from '../../src/frontends/python/scan/dependencies';
import { PY_IMPORTED, PY_IMPORTED_NAMES } from '../../src/frontends/python/scan/imported';

export const meta = defineMeta({
  id: 'release-in-finally',
  title: 'Release pooled connections in finally',
  antiPattern: 2,
  question: 2,
  fixable: true,
  docs: {
    summary: 'a checked-out connection released outside a finally leaks whenever something in between throws',
    description:
      'A connection checked out of a pool and released outside a finally leaks whenever something in between throws; after `max` leaks the application hangs. Moves the release into one finally (or a scoped helper, or `await using`), removing every scattered release.',
  },
  options: { style: STYLE_OPTION, helperModule: HELPER_MODULE_OPTION },
  facts: [
    HELPER,
    POOLS,
    IMPORTED_OBJECTS,
    DECORATED_POOLS,
    WRAPPED_ACQUIRES,
    PY_IMPORTED,
    PY_IMPORTED_NAMES,
    PY_DEPENDENCIES,
  ],
  providers: [HELPER_MODULE],
  // A checkout, a transaction or a session setting sent through a pool (`pool.query('BEGIN')`, `'SET ...'`), a
  // transaction opened on a connection handed in from elsewhere (`await conn.beginTransaction()`), whose rollback
  // may be left un-awaited, or a transaction helper whose callback may query through the pool (`tx(pool, ...)`).
  prefilter: {
    js: [
      new RegExp(
        `${TEXT.acquireCall.source}|['"\`]\\s*(BEGIN|START\\s+TRANSACTION|${SQL_SESSION_HEAD})\\b|\\.beginTransaction\\s*\\(|${TRANSACTION_HELPER_CALL.source}`,
        'i',
      ),
    ],
    python: [/\.(getconn|acquire)\s*\(/],
  },
  messages: {
    leak: {
      severity: 'error',
      text: '`{{client}}` is released outside a finally: anything that throws between the checkout and the release leaks the connection, and {{leakEffect}}.',
    },
    'transaction-on-pool': {
      severity: 'error',
      text: '`{{call}}` opens a transaction through the pool, which runs each query on whichever connection is free and takes it back at once: the statements after it may each run on another connection, so nothing is atomic, and the open transaction stays on a connection the next caller gets. Check out one connection (`{{acquire}}`), run BEGIN ... COMMIT (and ROLLBACK on error) on it, and release it in a finally.',
    },
    'session-on-pool': {
      severity: 'error',
      text: '`{{call}}` changes the session of whichever connection the pool hands out, and the pool takes it back at once: the statements after it may run on other connections without the setting, and the connection keeps it for whoever gets it next. Check out one connection (`{{acquire}}`), run the setting and the statements that need it on that connection, undo it (or end the connection) before releasing it in a finally.',
    },
    'pool-in-transaction': {
      severity: 'error',
      text: '`{{call}}` runs inside the callback of `{{helper}}(...)`, but through the pool instead of `{{client}}`, the connection the transaction runs on: it is not part of the transaction (it commits on its own, and a rollback does not undo it), and each call holds one connection while it takes another from the same pool, so under load the calls wait on each other until the pool is dry. Use `{{client}}.{{method}}(...)` inside the callback.',
    },
    'released-before-settled': {
      severity: 'error',
      text: '`{{client}}` is released while `{{query}}` it just sent is still running: the connection is back in the pool before its result arrives, so the next caller that takes it waits behind that query, and the result (or the error) comes from a connection this code no longer holds. Wait for the query (`await`, or release in its `.then`/`.finally`), then release.',
    },
    'unawaited-rollback': {
      severity: 'warning',
      text: '`{{call}}` is not awaited: what follows in the catch (a rethrow, a response, the release) runs before the transaction is rolled back, and when the rollback fails (often through the same broken connection that failed the transaction) its rejection has no handler, which ends the process (Node 15 and later). Await it, inside its own try if the first error must be the one that reaches the caller.',
    },
    'released-twice': {
      severity: 'error',
      text: '`{{client}}` is released in the finally and again {{where}}, so those paths release it twice: {{doubleRelease}}. The release in the finally stays; the other goes.',
    },
    'shadows-held-connection': {
      severity: 'error',
      text: 'this checkout hides `{{client}}`, checked out on line {{line}} and not released in a finally: the outer connection stays held (and, if it opened a transaction, open) while this one is used, and {{leakEffect}} if it is never released. Give the inner connection its own name, release the outer one in a finally, then rerun.',
    },
    'kept-on-instance': {
      severity: 'warning',
      text: 'a connection is checked out and kept on `{{client}}`, and another method of the class releases it: an error in any method that runs between the two skips that release, and {{leakEffect}}. Check out and release within one method (try/finally, or a scoped helper), or release it in a `finally` of the method that ends its use.',
    },
    'kept-unreleased': {
      severity: 'warning',
      text: "a connection is checked out and kept on `{{client}}`, and nothing in the class releases it: each instance holds one of the pool's connections for as long as it lives, and a second checkout into the same field loses the first for good. Release it when the object is done with it (a `close()` or `stop()` method), or check out and release within one method.",
    },
    'stored-checkout': {
      severity: 'warning',
      text: 'a connection is checked out and stored on `{{client}}`, where other code uses and releases it (a middleware and a later handler): any error or early response on the way skips that release, and {{leakEffect}}. Check out and release within one function (try/finally, or a scoped helper), or release in a handler that runs on every path (a `finally` around `next()`).',
    },
    'module-checkout': {
      severity: 'warning',
      text: "`{{client}}` is checked out of `{{pool}}` when the module loads and never given back, and {{users}}: every caller shares that one connection (a transaction one caller begins takes in the queries of every other caller until it ends), the pool's other connections go unused, and when the connection drops nothing replaces it. Check out in each function that needs a connection: {{how}}.",
    },
    'checkout-discarded': {
      severity: 'error',
      text: "`{{call}}` checks out a connection that nothing receives, so nothing can release it: it stays out of the pool for the life of the process, and {{leakEffect}}. Release it ({{release}}), or check the database with `{{pool}}.query('SELECT 1')`, which gives its connection back by itself.",
    },
    'awaited-callback-acquire': {
      severity: 'error',
      text: '`{{acquire}}` is awaited, but `{{pool}}` comes from `{{module}}`, whose pools take a callback and return nothing: the await gets `undefined` at once, and when the pool answers it calls the callback nobody passed, which throws outside any try (`cb is not a function`) and ends the process. Make the pool with `{{module}}/promise`, or await `{{pool}}.promise().getConnection()`.',
    },
    'callback-acquire': {
      severity: 'warning',
      text: 'callback-style acquire whose release the tool cannot prove runs exactly once on every path (it follows `if (err) return`, branches and query callbacks, nothing else); {{leakEffect}}. Convert to async/await, then rerun.',
    },
    'escapes-yield': {
      severity: 'warning',
      text: "`{{client}}` is yielded by a generator that is not a context manager ({{detail}}): whoever consumes it decides whether the code after the yield ever runs, and an error in that code never reaches it. Put the yield in `try:` with the release in `finally:` (FastAPI runs a dependency's finally after the response), then rerun.",
    },
    'promise-chain-acquire': {
      severity: 'warning',
      text: 'promise-chain acquire without a release on every path (both .then and .catch, or .finally): an error leaks the connection. Convert to async/await with try/finally.',
    },
    ...SECTION_MESSAGES,
  },
});

export type Options = OptionsOfMeta<typeof meta>;
export type MessageId = MessageIdOf<typeof meta>;
