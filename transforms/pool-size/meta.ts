import { POOL_INSTANCES } from '../../src/frontends/js/scan/instances';
import { type MessageIdOf, type OptionsOfMeta, defineMeta } from '../../src/core/types';
import { TEXT } from '../../src/drivers';
import { POSTGRES_DEFAULTS } from '../../src/drivers/postgres';
import { IMPORTED_CONFIGS, POOLS, PROCESSES } from '../../src/frontends/js/scan/facts';
import { PY_POOLS } from '../../src/frontends/python/scan/pools';
import { PY_PROCESSES } from '../../src/frontends/python/scan/processes';
import { PY_IMPORTED } from '../../src/frontends/python/scan/imported';

export const meta = defineMeta({
  id: 'pool-size',
  title: 'Size pools from the database limit',
  antiPattern: 3,
  question: 3,
  fixable: true,
  docs: {
    summary: 'pools sized by default or by guess exhaust the server once every instance opens its own',
    description:
      "Reports pools that set no size (naming the library's default), pools larger than the server can give each instance, several pools to one database in one process, and pools made per call. With --db-max-connections N --instances K [--reserved R] it sets the size to floor((N - R) / K), with that arithmetic beside the value (without --instances, K is the replicas the repository's compose file or Kubernetes Deployments state, where they state one count); --min and --idle-timeout-ms set those too. The processes each instance runs divide the budget too: --processes P, or those the repository states (gunicorn workers, uvicorn --workers, Celery --concurrency; PM2 instances, and the cluster or throng workers of the entry point that loads the pool). Where it states them as a count known only where it runs (one per CPU, an environment variable), no size is set until --processes gives it.",
  },
  options: {
    dbMaxConnections: {
      type: 'integer',
      minimum: 1,
      maximum: 1_000_000,
      description: "the server's max_connections (SHOW max_connections)",
    },
    instances: {
      type: 'integer',
      minimum: 1,
      maximum: 100_000,
      description: 'how many instances of the service run (machines, containers, replicas), each opening this pool',
    },
    processes: {
      type: 'integer',
      minimum: 1,
      maximum: 100_000,
      description:
        'how many processes each instance runs that each open this pool (workers); overrides what the repository states',
    },
    reserved: {
      type: 'integer',
      minimum: 0,
      maximum: 1_000_000,
      default: POSTGRES_DEFAULTS.superuserReservedConnections,
      description: 'connections kept for others: superuser_reserved_connections (3 by default), migrations, consoles',
    },
    min: { type: 'integer', minimum: 0, maximum: 100_000, description: 'connections each pool keeps open when idle' },
    idleTimeoutMs: {
      type: 'integer',
      minimum: 1,
      maximum: 86_400_000,
      description: 'close connections idle for longer than this (milliseconds)',
    },
  },
  prefilter: {
    // A driver's module and a pool construction, or an ORM that makes a pool itself (`drizzle(url)`).
    js: [
      new RegExp(
        `^(?=[\\s\\S]*(?:${TEXT.driverModule.source}))(?=[\\s\\S]*(?:${TEXT.poolFactory.source}))|${TEXT.ormPool.source}`,
      ),
    ],
    python: [/\b(asyncpg|psycopg_pool|psycopg2)\b/],
  },
  facts: [POOLS, PROCESSES, IMPORTED_CONFIGS, POOL_INSTANCES, PY_POOLS, PY_PROCESSES, PY_IMPORTED],
  messages: {
    'no-explicit-size': {
      severity: 'note',
      fixWith: '--db-max-connections <N> --instances <K>',
      text: "`{{pool}}` sets no `{{key}}`, so {{driver}} opens {{opens}} connections in every process that loads it{{eager}}. Size it from the server's max_connections divided by the number of instances (run with --db-max-connections and --instances to have it set).",
    },
    sized: {
      severity: 'warning',
      text: '`{{pool}}` {{what}}: with max_connections {{n}}, {{r}} reserved and {{k}} instances, each instance may open at most {{budget}} (floor(({{n}} - {{r}}) / {{k}})). Sets `{{key}}: {{budget}}`.',
    },
    'over-default-limit': {
      severity: 'warning',
      text: '`{{pool}}` sets `{{key}}: {{value}}`, more than {{server}}\'s default max_connections ({{limit}}) for one process alone; every further instance is refused ("{{refusal}}"). Check it against the server (run with --db-max-connections and --instances).',
    },
    'no-budget': {
      severity: 'error',
      text: 'max_connections {{n}} with {{r}} reserved cannot give {{k}} instances one connection each: raise max_connections, use fewer instances, or put PgBouncer in front.',
    },
    'config-opaque': {
      severity: 'note',
      text: "`{{pool}}`'s config is {{why}}, so the tool cannot see its size; make sure it sets `{{key}}`.",
    },
    'options-added': {
      severity: 'note',
      text: '`{{pool}}` gets `{{options}}`, as asked (--min, --idle-timeout-ms).',
    },
    'orm-made-pool': {
      severity: 'warning',
      text: "`{{call}}` is given {{given}}, so {{module}} makes the {{driver}} pool itself, with {{driver}}'s defaults: {{defaults}}. Nothing the tool reads sizes or bounds it. Make the pool in the code and hand it over (`{{handOver}}`), then rerun to have it sized and given timeouts.",
    },
    'pool-per-call': {
      severity: 'warning',
      text: 'a new {{driver}} pool is made every time this function runs: its size never matters, every call opens new connections. Use one shared pool (client-to-pool rewrites this where it can prove the rewrite safe, and says why where it cannot).',
    },
    'pool-per-instance': {
      severity: 'warning',
      text: 'a new {{driver}} pool is made for every instance of `{{cls}}`, and {{where}} makes an instance on every call{{more}}: every call opens new connections, and a pool nothing ends keeps them open until the server drops them. Make the pool once, at module level, and have the instances share it (or make the instances once).',
    },
    'sized-for-processes': {
      severity: 'warning',
      text: '`{{pool}}` {{what}}: with max_connections {{n}}, {{r}} reserved, {{k}} instances and {{p}} processes in each ({{source}}), each process may open at most {{budget}} (floor(({{n}} - {{r}}) / ({{k}} × {{p}}))). Sets `{{key}}` to {{budget}}.',
    },
    'processes-over-limit': {
      severity: 'warning',
      text: "`{{pool}}` opens up to {{value}} connections (`{{key}}`) in each of {{processes}} processes ({{source}}): {{total}} from one instance, more than PostgreSQL's default max_connections (100). Size it with --db-max-connections and --instances, or put PgBouncer in front.",
    },
    'processes-unknown': {
      severity: 'note',
      fixWith: '--processes <P>',
      text: '`{{pool}}` is opened once in every process, and each instance runs a number of processes known only where it runs ({{source}}), so no size is set from max_connections {{n}} and {{k}} instances. Run with --processes P, the processes in each instance, to have it sized.',
    },
    'not-thread-safe': {
      severity: 'warning',
      text: "`{{pool}}` is psycopg2's {{cls}}, which is not thread-safe, in a module threads share: two threads can take the same connection. Use ThreadedConnectionPool.",
    },
    'pools-split-by-work': {
      severity: 'note',
      text: "`{{pool}}` is one of {{count}} pools connecting to the same database ({{others}}), tuned apart ({{differs}}): separate pools for separate work (slow reports kept off the pool requests use) are a design, not a duplicate. In one process each opens its own connections, up to {{total}} in all: size them together against the server's max_connections.",
    },
    'several-pools': {
      severity: 'warning',
      text: '`{{pool}}` is one of {{count}} pools connecting to the same database ({{others}}); in one process each opens its own connections, up to {{total}} in all. Share one pool.',
    },
  },
});

export type Options = OptionsOfMeta<typeof meta>;
export type MessageId = MessageIdOf<typeof meta>;
