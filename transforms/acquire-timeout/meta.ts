import { type MessageIdOf, type OptionsOfMeta, defineMeta } from '../../src/core/types';
import { TEXT } from '../../src/drivers';
import { IMPORTED_CONFIGS } from '../../src/frontends/js/scan/facts';
import { FANOUTS } from '../../src/frontends/js/scan/fan-out';
import { PY_POOLS } from '../../src/frontends/python/scan/pools';
import { PY_IMPORTED } from '../../src/frontends/python/scan/imported';

export const meta = defineMeta({
  id: 'acquire-timeout',
  title: 'Give every pool an acquire timeout',
  antiPattern: 4,
  question: 4,
  fixable: true,
  docs: {
    summary: 'a pool without an acquire timeout makes callers wait forever once every connection is checked out',
    description:
      "node-postgres waits forever for a free connection (connectionTimeoutMillis defaults to 0), and generic-pool too (acquireTimeoutMillis null): one leak or one slow query turns into a hung service. Adds the library's acquire timeout to every pool whose config it can see; reports explicit zeros, configs it cannot see into, and libraries that have no such option (mysql2, whose queue is also unbounded by default). On Python: asyncpg checkouts get `timeout=` (asyncpg waits forever by default); psycopg_pool timeouts that wait forever or not at all, and psycopg2's pools, which raise at once when exhausted, are reported.",
  },
  options: {
    acquireTimeoutMs: {
      type: 'integer',
      minimum: 1,
      maximum: 600_000,
      default: 5000,
      description: 'how long a caller may wait for a free connection before the acquire fails (milliseconds)',
    },
  },
  prefilter: {
    js: [TEXT.driverModule, TEXT.poolFactory],
    python: [/\b(asyncpg|psycopg_pool|psycopg2)\b|\.acquire\s*\(/],
  },
  facts: [FANOUTS, IMPORTED_CONFIGS, PY_POOLS, PY_IMPORTED],
  messages: {
    'no-acquire-timeout': {
      severity: 'error',
      text: '`{{pool}}` has no acquire timeout: {{driver}} waits {{wait}} for a free connection ({{key}} defaults to {{default}}), so once every connection is checked out each caller hangs. Adds `{{key}}: {{value}}`.',
    },
    'unbounded-fan-out': {
      severity: 'warning',
      text: '`{{pool}}` has no acquire timeout, and {{where}} starts `{{callee}}()` for every element without waiting for each: all of them queue for a connection at once. An acquire timeout would reject the ones that wait longest, and nothing awaits those rejections, so Node would end the process partway through the batch. Bound the fan-out first (await each, or run a few at a time with a limiter such as p-limit), then add `{{key}}: {{value}}`.',
    },
    'unhandled-in-handler': {
      severity: 'warning',
      text: "`{{pool}}` has no acquire timeout, and {{where}} awaits `{{callee}}()` in an async request handler with nothing catching its error. Express {{express}} drops a handler's rejected promise, so once the pool is full a timeout would reject there unhandled, and Node would end the process where the requests now wait. Catch it in the handler (`try`/`catch` with `next(err)`), or use Express 5 or express-async-errors, then add `{{key}}: {{value}}`.",
    },
    'callback-ignores-error': {
      severity: 'warning',
      text: '`{{pool}}` has no acquire timeout, and {{where}} calls `{{callee}}(...)` with a callback that never reads its error. Once the pool is full a timeout would call it with an error and no connection, and its use of the connection would throw where the call now waits, uncaught: Node would end the process. Check the error first (`if (err) return ...`), then add `{{key}}: {{value}}`.',
    },
    'waits-forever': {
      severity: 'error',
      text: '`{{pool}}` sets `{{key}}: 0`, which waits forever for a free connection; the tool keeps explicit values. Set a limit (for example {{value}} ms) so an exhausted pool fails fast.',
    },
    'config-opaque': {
      severity: 'warning',
      text: "`{{pool}}`'s config is {{why}}, so the tool cannot see whether it sets `{{key}}`. Make sure it does (for example `{{key}}: {{value}}`); {{driver}} defaults to {{default}}.",
    },
    'library-has-no-acquire-timeout': {
      severity: 'warning',
      text: '{{driver}} has no acquire timeout ({{why}}): a caller waits as long as the queue does. Bound the queue with `queueLimit`, or race `getConnection()` against a timer that releases a connection arriving late.',
    },
    'unbounded-queue': {
      severity: 'warning',
      text: '`{{pool}}` queues callers without limit ({{driver}} `queueLimit` {{queue}}): when the database slows down, requests pile up in memory instead of failing. Set `queueLimit` to what the service can afford to wait for.',
    },
    'no-checkout-timeout': {
      severity: 'error',
      text: '`{{pool}}.acquire()` has no timeout: {{driver}} waits for a free connection forever by default, so once every connection is checked out each caller hangs. Adds `timeout={{value}}` (seconds; the caller gets {{raises}}).',
    },
    'checkout-in-endless-loop': {
      severity: 'warning',
      text: '`{{pool}}.acquire()` has no timeout, and it runs in `{{loop}}` in {{fn}} with nothing in the loop catching an error: with a timeout, the first time every connection is busy would end that loop for good (nothing restarts a background task), where now it waits its turn. Catch {{raises}} inside the loop (log it and go round again), then add `timeout={{value}}`; the tool adds none here.',
    },
    'checkout-waits-forever': {
      severity: 'error',
      text: '`{{pool}}.acquire(timeout=None)` waits forever for a free connection; the tool keeps explicit values. Set a limit (for example `timeout={{value}}`) so an exhausted pool fails fast.',
    },
    'checkout-pool-unknown': {
      severity: 'warning',
      text: '`{{pool}}.acquire()`{{more}} has no timeout, and the tool cannot tell which pool `{{pool}}` is, so it adds none: it follows a pool by the name it is made under in this module, by an import of that name from the module that makes it, or by a parameter typed as a pool (or an attribute the class sets from one), and `{{pool}}` is none of these. If it is an {{driver}} pool, add `timeout={{value}}`: {{driver}} waits forever by default.',
    },
    'pool-timeout-off': {
      severity: 'warning',
      text: '`{{pool}}` sets `{{setting}}`: {{effect}} (by default {{driver}} waits {{default}} s, then raises PoolTimeout). Set a bounded wait (for example `timeout={{value}}`), or leave it out.',
    },
    'checkout-argument-unknown': {
      severity: 'error',
      text: "`{{call}}` passes `{{keyword}}=`, which {{driver}}'s `{{method}}()` does not take: this line raises TypeError when it runs. {{advice}}.",
    },
    'fails-when-exhausted': {
      severity: 'warning',
      text: "`{{pool}}` is {{driver}}'s own {{cls}}, which has no acquire timeout: {{detail}}. Make sure no more threads share it than its maxconn and that callers handle PoolError, or give it a {{method}}() that waits with a timeout (a subclass that first takes one of maxconn semaphore permits).",
    },
    'generic-pool-max-1': {
      severity: 'warning',
      text: '`{{pool}}` sets no `max`, and generic-pool defaults to one resource: every caller waits for the one before. Set `max` (see pool-size).',
    },
  },
});

export type Options = OptionsOfMeta<typeof meta>;
export type MessageId = MessageIdOf<typeof meta>;
