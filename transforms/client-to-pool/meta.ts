import { type MessageIdOf, type OptionsOfMeta, defineMeta } from '../../src/core/types';
import { HELPER_MODULE_OPTION, STYLE_OPTION } from '../../src/core/shared-options';
import { TEXT } from '../../src/drivers';
import { EXPORT_POOL, HELPER_MODULE, POOL_MODULE } from '../../src/frontends/js/providers';
import { HELPER, POOLS } from '../../src/frontends/js/scan/facts';
import { PY_POOL_MODULE } from '../../src/frontends/python/providers';
import { PY_POOLS } from '../../src/frontends/python/scan/pools';
import { PY_DEPENDENCIES } from '../../src/frontends/python/scan/dependencies';
import { PY_IMPORTED, PY_IMPORTED_NAMES } from '../../src/frontends/python/scan/imported';

export const meta = defineMeta({
  id: 'client-to-pool',
  title: 'Use one shared pool instead of a connection per call',
  antiPattern: 1,
  question: 1,
  fixable: true,
  docs: {
    summary:
      'a function that opens and closes its own connection pays a handshake per call and opens one server connection per concurrent call',
    description:
      'A function that opens and closes its own connection (new Client + connect + end, mysql2 createConnection, or a whole new Pool per call) pays a handshake per call and opens one server connection per concurrent call. Rewrites it to use one shared pool (found in the project, or created in a pool module): one statement becomes pool.query(...), several a checkout released in a finally.',
  },
  options: {
    poolModule: {
      type: 'path',
      description:
        'where a new shared pool module is written when the project has none; default: db.ts/db.js beside the rewritten files',
    },
    style: STYLE_OPTION,
    helperModule: HELPER_MODULE_OPTION,
  },
  // Python: a connect call, or a connect imported under another name (`from psycopg2 import connect as db_connect`).
  prefilter: { js: [TEXT.driverModule, TEXT.clientFactory], python: [/\bconnect\s*\(|\bconnect\s+as\s/] },
  facts: [POOLS, HELPER, PY_POOLS, PY_IMPORTED, PY_IMPORTED_NAMES, PY_DEPENDENCIES],
  providers: [POOL_MODULE, EXPORT_POOL, HELPER_MODULE, PY_POOL_MODULE],
  messages: {
    'per-call-client': {
      severity: 'error',
      text: '`{{client}}` is {{what}} of its own, made on every call: each call pays for a new {{driver}} connection (a handshake and authentication), and concurrent calls open one server connection each. Uses the shared pool `{{pool}}` instead.',
    },
    'pool-made-lazily': {
      severity: 'warning',
      text: '`{{client}}` could use the shared pool `{{pool}}`, but `{{pool}}` is made by `{{maker}}()` the first time it is asked for, so here it may still be None. Check out through `{{maker}}()` by hand, then rerun.',
    },
    'close-not-awaited': {
      severity: 'error',
      text: "`{{client}}.close()` is not awaited: an asyncio {{driver}} connection's close() is a coroutine, so this line only creates it, the connection stays open until the garbage collector finds it, and Python warns that the coroutine was never awaited. Await it (`await {{client}}.close()`), then rerun to move the connection to a pool.",
    },
    'per-call-config': {
      severity: 'warning',
      text: '`{{client}}` is configured per call ({{detail}}); one pool cannot carry per-call credentials or databases. Keep a pool per tenant, or leave it as it is.',
    },
    'per-call-session': {
      severity: 'warning',
      text: '`{{client}}` is opened per call with session settings its caller picks ({{detail}}), not per-call credentials: one pool can serve it. If every caller passes the same values, make the pool with them and check out from it here; if callers differ, set them on each connection after the checkout and put them back before it is returned. Left alone: the tool does not see the callers.',
    },
    'instance-config': {
      severity: 'warning',
      text: "`{{client}}` connects with its instance's settings ({{detail}}), so the tool cannot tell whether every instance connects the same way. If they do (the class's own settings, or one configuration's), make one pool from them at module level and check out from it here; if each instance is a tenant, keep a pool per tenant. Left alone.",
    },
    'config-not-portable': {
      severity: 'warning',
      text: 'the config of `{{client}}` is built from values a shared pool module cannot see ({{detail}}); check what config the pool must use, create it, then rerun.',
    },
    'no-shared-pool': {
      severity: 'warning',
      text: 'no shared {{driver}} pool with the same config as `{{client}}` is known: {{detail}}.',
    },
    'asyncio-connection': {
      severity: 'warning',
      text: '`{{client}}` is an asyncio {{driver}} connection opened on every call: each call pays for a new connection (a handshake and authentication), and concurrent calls open one server connection each. The tool moves only blocking {{driver}} connections to a pool; check them out from {{pool}} instead, with `{{checkout}}`.',
    },
    'client-escapes': {
      severity: 'warning',
      text: '`{{client}}` is a connection opened per call, but it {{detail}}: the tool cannot tell what one pooled checkout would have to cover, so it does not rewrite it. Move it to a shared pool by hand, then rerun.',
    },
    'request-scoped-client': {
      severity: 'warning',
      text: "`{{client}}` is a connection opened for each request and kept in {{framework}}'s `g` until the request ends: every request pays a connect, and there are as many server connections as requests in flight. It is opened in one function and closed in another, so the tool does not rewrite it. Make one `{{pool}}` for the app (where its config is known), take the connection with `{{checkout}}` here, and give it back with `{{release}}` {{where}} instead of closing it; then rerun.",
    },
    'client-in-callback': {
      severity: 'warning',
      text: '`{{client}}` is created or used inside a callback (a retry wrapper, an event handler, a timer), or assigned to a variable declared outside it: the tool cannot tell how often or when that code runs, so it cannot tell what one pooled checkout would have to cover. Rewrite it by hand, then rerun.',
    },
    'outer-client-held-during-io': {
      severity: 'warning',
      question: 6,
      text: '`{{client}}` stays connected while this awaits {{what}}: its connection sits idle for the whole wait, and every concurrent call keeps one of its own open that long. Run the queries, end the connection, then wait; or wait before connecting.',
    },
    'outer-client-end-not-in-finally': {
      severity: 'warning',
      question: 2,
      text: '`{{client}}.{{method}}()` is not in a finally: when anything between the connect and here throws, the connection stays open until the server drops it. Call it in a `finally`.',
    },
    'listen-client': {
      severity: 'note',
      text: '`{{client}}` LISTENs or subscribes to events: it needs a dedicated connection, not a pooled one. Left alone.',
    },
    'session-state': {
      severity: 'warning',
      text: '`{{client}}` changes session state ({{detail}}) that a shared pool would hand to the next caller of the connection; scope it to a transaction (PostgreSQL: SET LOCAL) or drop the statement, then rerun.',
    },
    'session-mode': {
      severity: 'warning',
      text: '`{{client}}` {{detail}}: a mode the connection keeps, and a shared pool hands the connection to its next caller as it was left ({{returned}}). If every caller wants that mode, set it on each connection as it comes out of the pool; otherwise set it back before the connection goes back. Left alone.',
    },
    'dynamic-sql': {
      severity: 'warning',
      text: 'a query on `{{client}}` runs SQL the tool cannot read (not a literal, or one whose first words are filled in when it runs), so the tool cannot tell whether it changes session state (SET, LISTEN, BEGIN) that a shared pool would keep. If it never does, use `{{pool}}.{{method}}(...)` by hand.',
    },
    'module-client': {
      severity: 'note',
      text: "`{{client}}` is one module-level {{driver}} connection shared by every caller: it runs one query at a time, and once the connection dies (the server's idle timeout, a restart, a network error) it never reconnects{{detail}}. Consider a pool, which replaces a dead connection; left alone (a long-running worker may need exactly this).",
    },
    'provider-client': {
      severity: 'note',
      text: "`{{client}}` is the one {{driver}} connection the `{{detail}}` provider's factory makes when the app starts, and everything that injects it shares it: it runs one query at a time, and once the connection dies (the server's idle timeout, a restart, a network error) it never reconnects. Consider providing a pool instead, which replaces a dead connection; left alone.",
    },
    'lambda-handler': {
      severity: 'warning',
      text: '`{{client}}` is a {{driver}} connection opened on every invocation of this AWS Lambda handler (`{{handler}}()`). Its pool would be `{{pool}}` in `{{module}}`, a module the tool would write, but a Lambda function is often deployed as this one file, and the import would then fail on every invocation, so the tool writes neither. Open the connection once at module level, where warm invocations reuse it, or give the project a pool module the function is packaged with and import it, then rerun.',
    },
    'startup-client': {
      severity: 'note',
      text: "`{{client}}` is one {{driver}} connection the app opens once when it starts (in `{{where}}()`, run by `@{{hook}}`) and every request shares: it runs one query at a time, and once the connection dies (the server's idle timeout, a restart, a network error) nothing replaces it. Consider opening a pool there instead, which replaces a dead connection; left alone.",
    },
    'instance-client': {
      severity: 'note',
      text: "`{{client}}` keeps one {{driver}} connection on the instance (opened in `{{where}}()`): everything that uses the instance shares it, one query at a time, and once the connection dies (the server's idle timeout, a restart, a network error) nothing replaces it unless the code does. Consider a pool the instance checks out from for each use; left alone (an object that lives for one job may need exactly this).",
    },
    'module-client-per-request': {
      severity: 'error',
      text: '`{{client}}` is one module-level {{driver}} connection opened and closed per call: once closed it cannot connect again, so the second call fails. Use a pool (the tool leaves this to you because the connection is shared state).',
    },
    'callback-api': {
      severity: 'warning',
      text: '`{{client}}` {{detail}}; the tool moves a callback connection to a pool only when it runs one query. Convert to promises, then rerun.',
    },
    'checkout-refused': {
      severity: 'warning',
      text: '`{{client}}` runs several statements that need one connection, and the checkout that would replace it cannot be made safe here: {{detail}}',
    },
    'with-leaves-open': {
      severity: 'warning',
      text: '`{{client}}` is opened on every call, and its `with` block only ends the transaction: {{driver}} leaves the connection open when the block ends (CPython closes it only once nothing refers to it), so every call pays for a new connection and leaves one open meanwhile. Close it in a `finally` (the `with` can stay inside for the transaction), then run again: the tool moves a connection to a shared pool once it can see where it is given back.',
    },
    'never-closed': {
      severity: 'warning',
      text: '`{{client}}` is opened on every call and never closed in this function: CPython closes it only once nothing refers to it (a traceback kept by an exception holds it open longer), and every call pays for a new connection. Close it in a `finally`, then run again: the tool moves a connection to a shared pool once it can see where it is given back.',
    },
    unsupported: {
      severity: 'warning',
      text: 'the tool does not understand this use of `{{client}}`{{detail}}; left unchanged.',
    },
  },
});

export type Options = OptionsOfMeta<typeof meta>;
export type MessageId = MessageIdOf<typeof meta>;
