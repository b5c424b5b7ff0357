/**
 * Whether the code runs behind PgBouncer in transaction mode, where session
 * state and startup parameters do not work: the user said so, the project
 * holds a pgbouncer.ini, or a pool's config names PgBouncer's port.
 */
import * as t from '@babel/types';
import type { ProjectInfo } from '../project/package-info';
import { staticString } from '../js/nodes';
import { literalNumber, type PoolSite } from './pool-sites';

/** PgBouncer's conventional port (pgbouncer.ini `listen_port` default 6432). */
export const PGBOUNCER_PORT = 6432;

/** Why the tool believes the code is behind PgBouncer, in words; undefined when it does not. */
export function pgbouncerEvidence(flag: boolean, project: ProjectInfo, site?: PoolSite): string | undefined {
  if (flag) return '--behind-pgbouncer';
  if (site && namesPgbouncerPort(site)) return `its config names port ${PGBOUNCER_PORT}`;
  if (project.pgbouncerIni)
    return `the project has ${project.pgbouncerIni.slice(project.root.length + 1) || 'a pgbouncer.ini'}`;
  return undefined;
}

function namesPgbouncerPort(site: PoolSite): boolean {
  const view = site.config;
  if (view.kind === 'url') return new RegExp(`:${PGBOUNCER_PORT}\\b`).test(staticString(view.arg) ?? '');
  if (view.kind !== 'object') return false;
  const port = view.props.get('port');
  if (port && (literalNumber(port.value) === PGBOUNCER_PORT || staticString(port.value) === String(PGBOUNCER_PORT)))
    return true;
  const url = view.props.get('connectionString') ?? view.props.get('uri');
  return !!url && t.isExpression(url.value) && new RegExp(`:${PGBOUNCER_PORT}\\b`).test(staticString(url.value) ?? '');
}
