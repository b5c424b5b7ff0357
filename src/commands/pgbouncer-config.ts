/**
 * `pool-codemod pgbouncer-config`: a pgbouncer.ini for transaction pooling,
 * sized from the server's max_connections and the application's instances,
 * with the arithmetic written beside each number, and a userlist template.
 * What the code sends that PgBouncer would refuse (startup parameters) is
 * read from the project, so ignore_startup_parameters names exactly those.
 */
import { emptyScanData } from '../core/facts';
import { JS_FRONT_END } from '../frontends/js/front-end';
import { findPoolSites, literalNumber } from '../frontends/js/analysis/pool-sites';
import { defaults } from '../core/options';
import { PGBOUNCER } from '../drivers/pgbouncer';
import { transformWants } from '../core/types';
import { findFiles } from '../engine/find-files';
import { readSource } from '../engine/file-task';
import { processFile } from '../engine/process-file';
import { projectInfo } from '../project/package-info';
import { selectTransforms } from '../registry';

export interface PgbouncerSizing {
  /** The server's max_connections. */
  maxConnections: number;
  /** Connections kept for others (superuser_reserved_connections, migrations, consoles). */
  reserved: number;
  /** Processes that each open a pool through PgBouncer. */
  instances: number;
  /** The size of each instance's own pool (its client connections to PgBouncer). */
  appPoolSize: number;
  serverHost: string;
  serverPort: number;
  listenPort: number;
  /** The PgBouncer release the config is for, as [major, minor]: settings it does not know make it refuse the whole file. */
  version: [number, number];
}

const atLeast = (v: [number, number], min: [number, number]) => v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]);

/** `1.18`, `1.21.0` -> [1, 18], [1, 21]; null for anything else. */
export function parsePgbouncerVersion(text: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

export interface ProjectFacts {
  /** Startup parameters the code's pool configs send (statement_timeout, ...). */
  startupParameters: string[];
  /** The largest pool size the code sets, if any. */
  largestPool?: number;
  /** The code runs named prepared statements. */
  namedStatements: boolean;
  files: number;
}

/**
 * What the project's code tells about the pools PgBouncer will serve, read
 * by the pgbouncer transform itself (an audit of each file it wants): the
 * startup parameters and named statements it reports, and the pool sizes of
 * the same parse.
 */
export function readProject(paths: readonly string[]): ProjectFacts {
  const facts: ProjectFacts = { startupParameters: [], namedStatements: false, files: 0 };
  const startup = new Set<string>();
  const pgbouncer = selectTransforms(['pgbouncer']);
  for (const file of findFiles(paths, { extensions: JS_FRONT_END.extensions, isSource: JS_FRONT_END.isSource }).files) {
    const read = readSource(file, 1024 * 1024);
    if ('skipKind' in read || !transformWants(pgbouncer[0].meta, read.text, () => projectInfo(file))) continue;
    facts.files++;
    const outcome = processFile({
      path: file,
      text: read.text,
      frontEnd: JS_FRONT_END,
      transforms: pgbouncer,
      options: defaults(pgbouncer[0].meta.options),
      scan: emptyScanData(),
      scanComplete: true,
      mode: 'audit',
      onFirstPass: (ctx) => {
        for (const pool of findPoolSites(ctx.facts)) {
          const size = pool.config.kind === 'object' ? literalNumber(pool.config.props.get('max')?.value) : undefined;
          if (pool.driver.id === 'pg' && size !== undefined) facts.largestPool = Math.max(facts.largestPool ?? 0, size);
        }
      },
    });
    // An unparsable file says nothing about pools.
    if (outcome.kind !== 'done') continue;
    for (const f of outcome.unfixedFindings) {
      if (f.messageId === 'named-prepared-statement') facts.namedStatements = true;
      if (f.messageId === 'startup-parameter') startup.add(String(f.data.key));
    }
  }
  facts.startupParameters = [...startup].sort();
  return facts;
}

export function pgbouncerIni(sizing: PgbouncerSizing, project: ProjectFacts): string {
  const { maxConnections: n, reserved: r, instances: k, appPoolSize: p } = sizing;
  const server = n - r;
  const reserve = Math.max(0, Math.min(5, Math.floor(server / 10)));
  const clients = k * p;
  const pool = Math.min(server - reserve, clients);
  const lines = [
    '; pgbouncer.ini for transaction pooling, written by pool-codemod pgbouncer-config.',
    `; Sized for max_connections ${n} on the server, ${r} reserved for others, ${k} application instance(s) with pools of ${p}.`,
    '',
    '[databases]',
    `; Every database, to the server (name one per line instead to narrow it).`,
    `* = host=${sizing.serverHost} port=${sizing.serverPort}`,
    '',
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${sizing.listenPort}`,
    'auth_type = scram-sha-256',
    'auth_file = userlist.txt',
    '',
    '; Each transaction gets whichever server connection is free: session state does not survive',
    '; between transactions (run `pool-codemod run pgbouncer` on the code first).',
    'pool_mode = transaction',
    '',
    `; Server connections per database/user pair: min((${n} - ${r}) - ${reserve} reserve, ${clients} clients) = ${pool}.`,
    `default_pool_size = ${pool}`,
    `; Extra server connections for bursts, used after reserve_pool_timeout seconds of waiting: min(5, floor((${n} - ${r}) / 10)) = ${reserve}.`,
    `reserve_pool_size = ${reserve}`,
    'reserve_pool_timeout = 3',
    `; Client connections: ${k} instance(s) x a pool of ${p} = ${clients}; PgBouncer queues them onto the ${pool} above.`,
    `max_client_conn = ${clients}`,
    '',
    '; In transaction mode a connection is handed over at the end of each transaction: no reset query runs',
    '; (server_reset_query applies to session mode only; server_reset_query_always stays 0).',
    'server_reset_query = DISCARD ALL',
    'server_reset_query_always = 0',
  ];
  if (project.startupParameters.length > 0) {
    lines.push(
      '',
      `; The code sends ${project.startupParameters.join(', ')} as startup parameters; PgBouncer refuses such a connection`,
      '; unless they are listed here, and then drops the setting: set them on the role instead',
      `; (ALTER ROLE <app user> SET ${project.startupParameters[0]} = ...).`,
      `ignore_startup_parameters = ${project.startupParameters.join(',')}`,
    );
  }
  const since = PGBOUNCER.preparedStatementsSince.join('.');
  if (project.namedStatements && atLeast(sizing.version, PGBOUNCER.preparedStatementsSince)) {
    lines.push(
      '',
      `; The code uses named prepared statements: PgBouncer ${since}+ tracks them per server connection.`,
      `max_prepared_statements = ${PGBOUNCER.preparedStatements}`,
    );
  } else if (project.namedStatements) {
    lines.push(
      '',
      `; The code uses named prepared statements. PgBouncer ${sizing.version.join('.')} cannot keep them in transaction mode`,
      `; (max_prepared_statements came in ${since}, and this version refuses a config that sets it): the second`,
      '; use of a name on another server connection fails. Run `pool-codemod run pgbouncer` and make those',
      `; statements unnamed, or write this config for PgBouncer ${since} or later (--pgbouncer-version).`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function userlistTemplate(): string {
  return [
    '; userlist.txt for auth_type = scram-sha-256: one line per user PgBouncer lets in.',
    '; Copy each verifier from the server (as a superuser):',
    ";   SELECT '\"' || rolname || '\" \"' || rolpassword || '\"' FROM pg_authid WHERE rolname = 'app';",
    '"app" "SCRAM-SHA-256$4096:<salt>$<stored key>:<server key>"',
    '',
  ].join('\n');
}
