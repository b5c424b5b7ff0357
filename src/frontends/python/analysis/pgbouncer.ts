/**
 * Whether Python code runs behind PgBouncer in transaction mode, where
 * startup parameters are refused: the user said so, the project holds a
 * pgbouncer.ini, the pool's own arguments name PgBouncer's port (`port=6432`,
 * a connection string with `:6432`), or the module names a hosted database's
 * pooled endpoint (Neon's `-pooler` host, often as `os.getenv`'s default).
 * The same evidence the JS front end reads.
 */
import type { Node } from 'web-tree-sitter';
import { PGBOUNCER, managedPoolerIn } from '../../../drivers/pgbouncer';
import type { ProjectInfo } from '../../../project/package-info';

/**
 * Why the tool believes the code is behind PgBouncer, in words; undefined
 * when it does not. `moduleText`: the text of the module asking.
 */
export function pyPgbouncerEvidence(
  flag: boolean,
  project: ProjectInfo,
  call?: Node,
  moduleText?: string,
): string | undefined {
  if (flag) return '--behind-pgbouncer';
  if (call && namesPgbouncerPort(call)) return `its arguments name port ${PGBOUNCER.port}`;
  const pooler = moduleText === undefined ? undefined : managedPoolerIn(moduleText);
  if (pooler) return `this module names ${pooler}`;
  if (project.pgbouncerIni)
    return `the project has ${project.pgbouncerIni.slice(project.root.length + 1) || 'a pgbouncer.ini'}`;
  if (project.pgbouncerDeployment) return project.pgbouncerDeployment;
  return undefined;
}

function namesPgbouncerPort(call: Node): boolean {
  const port = String(PGBOUNCER.port);
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!arg) continue;
    const value = arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
    const name = arg.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : undefined;
    if (name === 'port' && value?.text.replace(/['"]/g, '') === port) return true;
    if (value?.type === 'string' && new RegExp(`[:=]${port}\\b`).test(value.text)) return true;
  }
  return false;
}
