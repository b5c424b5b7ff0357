import { type MessageIdOf, type OptionsOfMeta, defineMeta } from '../../src/core/types';
import { TEXT } from '../../src/drivers';
import { DEPENDENCY } from '../../src/frontends/js/providers';
import { METRICS_MODULE } from './js/metrics-module';
import { PY_METRICS_MODULE } from './python/metrics-module';
import { PY_IMPORTED } from '../../src/frontends/python/scan/imported';

export const meta = defineMeta({
  id: 'pool-monitoring',
  title: 'Handle pool errors and expose pool state',
  antiPattern: 8,
  question: 7,
  // A pool that has its error listener, and a handler that logs or raises what taking a connection raised.
  checkQuestions: { 'error-listener': 8, 'error-handled': 8 },
  fixable: true,
  docs: {
    summary:
      "a pool with no 'error' listener crashes the process when an idle connection dies; nobody sees a pool running dry",
    description:
      "An idle pooled pg client that loses its server (a failover, a restart, pg_terminate_backend) emits 'error' on the pool; with no listener Node exits. Every pool made once gets a listener that logs through the module's own logger (pino, winston, bunyan, an imported logger, console otherwise) and keeps the process alive. A long-lived client (no pool to replace its connection) gets no listener, only a finding: a listener that only logs would keep the process up with a dead client. Connections held across awaited non-database work are reported (pg-pool takes its listener off a checked-out client). With --metrics prom-client or otel, each pool's total, idle and waiting counts are exported as gauges read at scrape time. On Python: an except around taking a connection that drops the error gets logger.exception through the module's logger, and pools whose state nothing reads are reported; with --metrics prom-client or otel, where the project installs prometheus_client or the OpenTelemetry API, a pool bound to a module name gets the same gauges through a pool_metrics.py beside it (psycopg2's read from its pool's private lists, as it has no public counters).",
  },
  providers: [METRICS_MODULE, DEPENDENCY, PY_METRICS_MODULE],
  facts: [PY_IMPORTED],
  options: {
    metrics: {
      type: 'string',
      enum: ['none', 'prom-client', 'otel'],
      default: 'none',
      description:
        "export each pool's total, idle and waiting connections as gauges (JS: adds the library to package.json; Python: only where the project already installs it)",
    },
    metricsModule: {
      type: 'path',
      description: 'where the gauges module is written (default: pool-metrics beside the first pool module)',
    },
  },
  // Pools are found by their library's import; a checkout held across an await in any file of a pg project.
  prefilter: {
    js: [new RegExp(`${TEXT.driverModule.source}|${TEXT.heldSection.source}`)],
    python: [/\b(asyncpg|psycopg_pool|psycopg2|psycopg|getconn|acquire|connection)\b/],
  },
  projectFilter: { js: (text, project) => TEXT.driverModule.test(text) || 'pg' in project.dependencies },
  messages: {
    'no-error-listener': {
      severity: 'error',
      question: 8,
      text: "`{{pool}}` has no 'error' listener: when an idle connection loses its server (a restart, a failover, pg_terminate_backend) {{driver}} emits 'error' and Node exits. Adds a listener that logs through {{logger}} and keeps the process alive.",
    },
    'driver-mocked-in-tests': {
      severity: 'note',
      question: 8,
      text: "the project's tests mock `{{module}}` ({{file}}): the 'error' listener on `{{pool}}` is attached when the module loads, so their mocked pool, which has no `on`, makes those tests fail at import. Give the mock an `on` (`on: jest.fn()`), or mock the module that makes the pool.",
    },
    'client-no-error-listener': {
      severity: 'warning',
      question: 8,
      text: "`{{pool}}` is one long-lived {{driver}} client with no 'error' listener: when its connection dies (a restart, a failover, an idle timeout) it emits 'error' and Node exits. That exit is how this client recovers today (whatever restarts the process opens a new connection), so the tool adds no listener: one that only logs would keep the process up with a dead client and every later query failing. {{advice}}.",
    },
    'subscriber-no-error-listener': {
      severity: 'warning',
      question: 8,
      text: "`{{client}}` is checked out and kept to listen ({{how}}), with no 'error' listener: pg-pool takes its idle 'error' listener off a checked-out client, so when this connection dies (a restart, a failover, an idle timeout) it emits 'error' and Node exits. That exit is how the listener recovers today, so the tool adds no listener: one that only logs would leave the process up and deaf to every later notification. Listen for 'error' on `{{client}}` and there check out a new connection and listen again, or let the process exit so its supervisor restarts it.",
    },
    'connect-unhandled': {
      severity: 'warning',
      question: 8,
      text: '`{{client}}.connect()` is neither awaited nor given a callback or a `.catch`: when the database cannot be reached (at start, or when this runs again after a restart), its rejection has no handler, which ends the process (Node 15 and later) without saying which connection failed, and a query sent before it settles may run on a client still connecting. Await it where the code can handle its error, or add a `.catch` that does.',
    },
    'listener-per-call': {
      severity: 'warning',
      question: 8,
      text: "`{{pool}}` has no 'error' listener, and it is made inside a function or a class, where a listener would be added for every call or instance: add one where the pool is made once (or make the pool once, at module level).",
    },
    'kept-pool-no-listener': {
      severity: 'warning',
      question: 8,
      text: "{{subject}} has no 'error' listener: when an idle connection loses its server (a restart, a failover, pg_terminate_backend) {{driver}} emits 'error' and Node exits. It is made once, but {{why}}: add `.on('error', ...)` right after the pool is made, or where the code that receives it keeps it.",
    },
    'held-across-await': {
      severity: 'warning',
      question: 8,
      text: "`{{client}}` is checked out while this awaits {{what}}; pg-pool takes its idle 'error' listener off a checked-out client, so a connection error now is unhandled and ends the process. Release before the wait (split-io moves such work out of the section).",
    },
    'held-in-transaction': {
      severity: 'warning',
      question: 8,
      text: "`{{client}}` is checked out, inside a transaction, while this awaits {{what}}; pg-pool takes its idle 'error' listener off a checked-out client, so a connection error now is unhandled and ends the process. The transaction (and any row locks) keeps it held through the wait, so releasing first is no fix: listen for 'error' on `{{client}}` while it is held (`{{client}}.on('error', ...)` after the checkout, removed before the release).",
    },
    'not-monitored': {
      severity: 'warning',
      fixWith: '--metrics prom-client (or otel)',
      text: "nothing exports `{{pool}}`'s state: a pool running dry shows only as slow requests. Its total, idle and waiting connections can be gauges (run with --metrics prom-client or otel).",
    },
    'no-counters': {
      severity: 'note',
      text: '{{driver}} exposes no public counters of its pool (only private fields), so no gauges are written for `{{pool}}`; measure the wait around getConnection() instead.',
    },
    'pool-state-unexported': {
      severity: 'warning',
      text: "nothing exports `{{pool}}`'s state: a pool running dry shows only as slow requests. {{driver}} counts it in {{counters}}; export them as gauges read at scrape time (prometheus_client's `Gauge(...).set_function(...)`).",
    },
    'pool-has-no-counters': {
      severity: 'note',
      text: '{{driver}} exposes no public counters of `{{pool}}` (only private fields), so nothing reads its state; `--metrics prom-client` or `--metrics otel` exports what those fields hold as gauges where the pool is bound to a module-level name, or count checkouts in the helper that takes them.',
    },
    'error-swallowed': {
      severity: 'warning',
      question: 8,
      text: 'this handler catches what `{{what}}` raises and neither logs nor raises it: a database that is down or a pool that is exhausted leaves no trace. Log it (`logger.exception(...)`) or let it propagate.',
    },
    'error-ignored-documented': {
      severity: 'note',
      question: 8,
      text: 'this handler drops what `{{what}}` raises, and its comment says why ("{{why}}"): left as it is. If a database that is down or a pool that is exhausted should leave a trace here, log it (`logger.exception(...)` keeps the traceback).',
    },
    'error-logged': {
      severity: 'warning',
      question: 8,
      text: 'this handler caught what `{{what}}` raises and dropped it: a database that is down or a pool that is exhausted left no trace. Logs it with `{{logger}}.exception(...)`, which keeps the traceback.',
    },
    'metrics-added': {
      severity: 'note',
      text: '`{{pool}}`\'s total, idle and waiting connections are exported as {{flavor}} gauges (label pool="{{label}}"), read from the pool at scrape time.',
    },
  },
});

export type Options = OptionsOfMeta<typeof meta>;
export type MessageId = MessageIdOf<typeof meta>;
