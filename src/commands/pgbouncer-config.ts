/**
 * `pool-codemod pgbouncer-config`: a pgbouncer.ini for transaction pooling,
 * sized from the server's max_connections and the application's instances,
 * with the arithmetic written beside each number, and a userlist template.
 * What the code sends that PgBouncer would refuse (startup parameters) is
 * read from the project, so ignore_startup_parameters names exactly those.
 */
import { emptyScanData } from '../core/facts';
import { JS_FRONT_END } from '../frontends/js/front-end';
import { findPyPoolSites } from '../frontends/python/analysis/driver-use';
import { literalInt, sizeArgument } from '../frontends/python/fixes/arguments';
import { PY_FRONT_END } from '../frontends/python/front-end';
import { findPoolSites, literalNumber } from '../frontends/js/analysis/pool-sites';
import { type OptionValues, defaults } from '../core/options';
import { PGBOUNCER } from '../drivers/pgbouncer';
import { transformWants } from '../core/types';
import { findFiles } from '../engine/find-files';
import { readSource } from '../engine/file-task';
import { processFile } from '../engine/process-file';
import { projectInfo } from '../project/package-info';
import { selectTransforms } from '../registry';
import fs from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import { Refusal, UsageError } from '../core/errors';
import { assertWritable, projectRoot } from '../project/containment';
import { EXIT, defineCommand } from './common';

interface PgbouncerSizing {
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
function parsePgbouncerVersion(text: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

interface ProjectFacts {
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
async function readProject(paths: readonly string[]): Promise<ProjectFacts> {
  const facts: ProjectFacts = { startupParameters: [], namedStatements: false, files: 0 };
  const startup = new Set<string>();
  // pgbouncer reports the startup parameters the code sends, except the timeouts statement-timeout owns (it reports
  // those itself behind PgBouncer): both are read.
  const readers = selectTransforms(['pgbouncer', 'statement-timeout']);
  // The code is about to run behind PgBouncer: read it as such (Python's findings about it are kept for that case).
  const options: OptionValues = { behindPgbouncer: true };
  for (const t of readers) for (const [key, value] of Object.entries(defaults(t.meta.options))) options[key] ??= value;
  const largest = (size: number | undefined) => {
    if (size !== undefined) facts.largestPool = Math.max(facts.largestPool ?? 0, size);
  };
  for (const frontEnd of [JS_FRONT_END, PY_FRONT_END] as const) {
    const found = findFiles(paths, { extensions: frontEnd.extensions, isSource: frontEnd.isSource }).files;
    if (found.length > 0) await frontEnd.init?.();
    for (const file of found) {
      const read = readSource(file, 1024 * 1024);
      if ('skipKind' in read) continue;
      if (!readers.some((t) => transformWants(t.meta, frontEnd.id, read.text, () => projectInfo(file)))) continue;
      facts.files++;
      const outcome = processFile({
        path: file,
        text: read.text,
        frontEnd,
        transforms: readers,
        options,
        scan: emptyScanData(),
        scanComplete: true,
        mode: 'audit',
        onFirstPass: (ctx) => {
          if ('ast' in ctx) {
            for (const pool of findPoolSites(ctx.facts))
              if (pool.driver.id === 'pg')
                largest(pool.config.kind === 'object' ? literalNumber(pool.config.props.get('max')?.value) : undefined);
          } else {
            for (const pool of findPyPoolSites(ctx.facts)) {
              const size = sizeArgument(pool.call, pool.driver.size.max);
              largest(size ? literalInt(size) : (pool.driver.size.max.default ?? undefined));
            }
          }
        },
      });
      // An unparsable file says nothing about pools.
      if (outcome.kind !== 'done') continue;
      for (const f of outcome.unfixedFindings) {
        // A named statement, or a library that prepares statements by itself (asyncpg, psycopg 3).
        if (f.messageId === 'named-prepared-statement' || f.messageId === 'library-prepares')
          facts.namedStatements = true;
        if (f.messageId === 'startup-parameter' || f.messageId === 'startup-parameter-behind-pgbouncer')
          startup.add(String(f.data.key));
      }
    }
  }
  facts.startupParameters = [...startup].sort();
  return facts;
}

function pgbouncerIni(sizing: PgbouncerSizing, project: ProjectFacts): string {
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

function userlistTemplate(): string {
  return [
    '; userlist.txt for auth_type = scram-sha-256: one line per user PgBouncer lets in.',
    '; Copy each verifier from the server (as a superuser):',
    ";   SELECT '\"' || rolname || '\" \"' || rolpassword || '\"' FROM pg_authid WHERE rolname = 'app';",
    '"app" "SCRAM-SHA-256$4096:<salt>$<stored key>:<server key>"',
    '',
  ].join('\n');
}

interface PgbouncerArgs {
  paths: string[];
  dbMaxConnections: number;
  reserved: number;
  instances: number;
  appPoolSize?: number;
  serverHost: string;
  serverPort: number;
  listenPort: number;
  pgbouncerVersion: string;
  outputDir: string;
  dry: boolean;
  force: boolean;
  json: boolean;
}

async function pgbouncerConfigCommand(args: PgbouncerArgs): Promise<number> {
  for (const [flag, value, min] of [
    ['--db-max-connections', args.dbMaxConnections, 1],
    ['--reserved', args.reserved, 0],
    ['--instances', args.instances, 1],
    ['--app-pool-size', args.appPoolSize ?? 1, 1],
    ['--server-port', args.serverPort, 1],
    ['--listen-port', args.listenPort, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min)
      throw new UsageError(`${flag} must be a whole number of at least ${min}, got ${JSON.stringify(value)}`);
  }
  if (args.dbMaxConnections - args.reserved < 1)
    throw new UsageError(
      `--db-max-connections ${args.dbMaxConnections} with --reserved ${args.reserved} leaves no server connection for PgBouncer`,
    );
  const version = parsePgbouncerVersion(args.pgbouncerVersion);
  if (!version)
    throw new UsageError(
      `--pgbouncer-version must be a release such as 1.21 or 1.18.0, got ${JSON.stringify(args.pgbouncerVersion)}`,
    );
  const files = [path.join(args.outputDir, 'pgbouncer.ini'), path.join(args.outputDir, 'userlist.txt')];
  if (!args.dry) {
    const scope = { root: projectRoot(args.paths), cwd: process.cwd() };
    for (const file of files) assertWritable('--output-dir', file, scope);
  }
  const project = await readProject(args.paths);
  const sizing = {
    maxConnections: args.dbMaxConnections,
    reserved: args.reserved,
    instances: args.instances,
    appPoolSize: args.appPoolSize ?? project.largestPool ?? 10,
    serverHost: args.serverHost,
    serverPort: args.serverPort,
    listenPort: args.listenPort,
    version,
  };
  const ini = pgbouncerIni(sizing, project);
  const userlist = userlistTemplate();
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ sizing, project, ini, userlist }, null, 2)}\n`);
    if (args.dry) return EXIT.ok;
  } else if (args.dry) {
    process.stdout.write(ini);
    return EXIT.ok;
  }
  const existing = files.filter((f) => fs.existsSync(f));
  if (existing.length > 0 && !args.force)
    throw new Refusal(`${existing.join(' and ')} already exist; pass --force to overwrite, or --dry to print`);
  fs.mkdirSync(args.outputDir, { recursive: true });
  fs.writeFileSync(files[0], ini);
  fs.writeFileSync(files[1], userlist);
  if (!args.json) process.stderr.write(`wrote ${files.join(' and ')}\n`);
  return EXIT.ok;
}

export const PGBOUNCER_CONFIG = defineCommand({
  command: 'pgbouncer-config [paths..]',
  describe:
    'write a pgbouncer.ini for transaction pooling, sized from the server and the instances, and a userlist template',
  builder: (y: Argv) =>
    y
      .positional('paths', {
        type: 'string',
        array: true,
        default: ['.'],
        describe: 'the code whose pools PgBouncer will serve (read for the startup parameters it sends)',
      })
      .option('db-max-connections', { type: 'number', default: 100, describe: "the server's max_connections" })
      .option('reserved', {
        type: 'number',
        default: 3,
        describe: 'server connections kept for others (superuser_reserved_connections, migrations)',
      })
      .option('instances', {
        type: 'number',
        default: 1,
        describe: 'application processes that connect through PgBouncer',
      })
      .option('app-pool-size', {
        type: 'number',
        describe: "each instance's own pool size (default: the largest max the code sets, else 10)",
      })
      .option('server-host', { type: 'string', default: '127.0.0.1' })
      .option('server-port', { type: 'number', default: 5432 })
      .option('listen-port', { type: 'number', default: 6432 })
      .option('pgbouncer-version', {
        type: 'string',
        default: '1.21',
        describe:
          'the PgBouncer release the config is for (`pgbouncer --version`): settings an older one does not know are left out, with what that means',
      })
      .option('output-dir', {
        type: 'string',
        default: '.',
        describe: 'where pgbouncer.ini and userlist.txt are written',
      })
      .option('dry', {
        type: 'boolean',
        default: false,
        describe: 'print pgbouncer.ini instead of writing the files',
      })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite existing files' })
      .option('json', { type: 'boolean', default: false }),
  examples: [
    ['$0 pgbouncer-config . --db-max-connections 200 --instances 4', 'pgbouncer.ini and a userlist template, printed'],
    [
      '$0 pgbouncer-config . --db-max-connections 200 --instances 4 --output-dir deploy/pgbouncer',
      'the same, written to deploy/pgbouncer/',
    ],
  ],
  run: pgbouncerConfigCommand,
});
