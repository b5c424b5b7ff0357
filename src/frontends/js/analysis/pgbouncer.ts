/**
 * Whether the code runs behind PgBouncer in transaction mode, where session
 * state and startup parameters do not work: the user said so, the project
 * holds a pgbouncer.ini, a pool's (or client's) config names PgBouncer's
 * port, or the module names a hosted database's pooled endpoint (Neon's
 * `-pooler` host, often as the fallback of `process.env.DATABASE_URL ||
 * ...`). Also the database clients a file constructs, so that a pg Client's
 * config can be read for startup parameters the way a pool's is, and a
 * statement can be placed on the library whose connection runs it.
 */
import type { Binding } from '@babel/traverse';
import * as t from '@babel/types';
import type { DriverId, DriverProfile } from '../../../drivers';
import { PGBOUNCER, managedPoolerIn } from '../../../drivers/pgbouncer';
import { droppingProxyHost, droppingProxyVariable } from '../../../drivers/hosted';
import type { FileFacts } from '../facts';
import { staticString } from '../nodes';
import type { ProjectInfo } from '../../../project/package-info';
import { declaredDrivers, driverConstructions } from './driver-use';
import { type ConfigView, configView, holderOf, literalNumber, type PoolSite } from './pool-sites';

/** The other SQL libraries: `SET`, `PREPARE`, `CREATE TEMPORARY TABLE` mean something else there, and no PgBouncer sits in front. */
export const NOT_PG: readonly DriverId[] = ['mysql', 'mysql2'];

/**
 * Whether a query on a connection of unknown origin counts as PostgreSQL's
 * in this project: it declares pg and no other SQL library.
 */
export function pgOnlyProject(dependencies: Record<string, string>): boolean {
  const declared = declaredDrivers(dependencies);
  return declared.has('pg') && !NOT_PG.some((id) => declared.has(id));
}

/**
 * Why the tool believes the code is behind PgBouncer, in words; undefined
 * when it does not. `moduleText`: the text of the module asking.
 */
export function pgbouncerEvidence(
  flag: boolean,
  project: ProjectInfo,
  site?: Pick<PoolSite, 'config'>,
  moduleText?: string,
): string | undefined {
  if (flag) return '--behind-pgbouncer';
  if (site && namesPgbouncerPort(site)) return `its config names port ${PGBOUNCER.port}`;
  const pooler = moduleText === undefined ? undefined : managedPoolerIn(moduleText);
  if (pooler) return `this module names ${pooler}`;
  if (project.pgbouncerIni)
    return `the project has ${project.pgbouncerIni.slice(project.root.length + 1) || 'a pgbouncer.ini'}`;
  if (project.pgbouncerDeployment) return project.pgbouncerDeployment;
  return undefined;
}

/**
 * Why the tool believes the database is reached through a hosted service's
 * proxy that drops startup parameters (Neon's), in words: the module or an
 * env file names such a host, or the pool's config reads a variable named
 * after the service; undefined when nothing says so.
 */
export function droppingProxyEvidence(
  project: ProjectInfo,
  moduleText: string,
  configText: string,
): string | undefined {
  const host = droppingProxyHost(moduleText);
  if (host) return `this module names ${host}`;
  const variable = droppingProxyVariable(configText);
  return variable ? `its config reads ${variable}` : project.droppingProxy;
}

function namesPgbouncerPort(site: Pick<PoolSite, 'config'>): boolean {
  const view = site.config;
  if (view.kind === 'url') return new RegExp(`:${PGBOUNCER.port}\\b`).test(staticString(view.arg) ?? '');
  if (view.kind !== 'object') return false;
  const port = view.props.get('port');
  if (port && (literalNumber(port.value) === PGBOUNCER.port || staticString(port.value) === String(PGBOUNCER.port)))
    return true;
  const url = view.props.get('connectionString') ?? view.props.get('uri');
  return !!url && t.isExpression(url.value) && new RegExp(`:${PGBOUNCER.port}\\b`).test(staticString(url.value) ?? '');
}

/** A client construction (`new Client(cfg)`, `await mysql.createConnection(cfg)`) and what holds it. */
export interface ClientConstruction {
  driver: DriverProfile;
  call: t.NewExpression | t.CallExpression;
  /** `client` in `const client = new Client()`; null when no variable holds it. */
  name: string | null;
  binding: Binding | null;
  /** The config as a pool's is read (pool-sites.ts), so the same questions can be asked of it. */
  config: ConfigView;
}

/**
 * Every client construction of a database library in the file, at any depth.
 * Unlike clients.ts (per-call connections a pool could replace) this keeps
 * module-level and nameless clients too: a startup parameter is sent however
 * long the client lives.
 */
export function findClientConstructions(facts: FileFacts): ClientConstruction[] {
  const found: ClientConstruction[] = [];
  for (const { path, binding, name, kind } of driverConstructions(facts)) {
    const { driver } = binding;
    if (!driver.clientFactories.some((f) => f.name === name && f.kind === kind)) continue;
    // A string config is a connection string (pg lib/connection-parameters.js parses one as such).
    found.push({ driver, call: path.node, ...holderOf(path), config: configView(path, 0, true) });
  }
  return found.sort((a, b) => (a.call.start ?? 0) - (b.call.start ?? 0));
}
