/**
 * What a repository's deployment files say about a PgBouncer in front of the
 * database, read as text (never run): a compose file that runs one, or an
 * environment file whose connection settings name its port (6432, its
 * default: pgbouncer.ini `listen_port`) or Prisma's `pgbouncer=true`.
 * Behind PgBouncer in transaction mode a startup parameter such as
 * `statement_timeout` is refused, so the transforms must know.
 */
import fs from 'node:fs';
import path from 'node:path';

const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];
/** Environment files a repository commits (examples, templates) or keeps beside the code. */
const ENV_FILES = ['.env.example', '.env.sample', '.env.template', '.env.defaults', '.env.production', '.env'];

/** A compose service that runs PgBouncer: by its image (edoburu/pgbouncer, bitnami/pgbouncer, ...) or its name. */
const COMPOSE_PGBOUNCER = /^\s*image:\s*["']?[\w./:-]*pgbouncer|^ {2,4}pgbouncer:\s*$/im;
/** A connection setting that names PgBouncer's port, or Prisma's flag for it. */
const ENV_PGBOUNCER =
  /^\s*(?:export\s+)?[A-Z0-9_]*(?:URL|URI|DSN)\s*=\s*["']?postgres(?:ql)?:\/\/[^\s"']*:6432\b|^\s*(?:export\s+)?[A-Z0-9_]*PORT\s*=\s*["']?6432\b|pgbouncer=true/im;

/** Why the deployment files say PgBouncer is in front (`docker-compose.yml runs pgbouncer`), or undefined. */
export function pgbouncerDeployment(roots: readonly string[]): string | undefined {
  for (const root of roots) {
    for (const name of COMPOSE_FILES)
      if (COMPOSE_PGBOUNCER.test(readText(path.join(root, name))))
        return `${displayed(root, roots, name)} runs PgBouncer`;
    for (const name of ENV_FILES) {
      const match = ENV_PGBOUNCER.exec(readText(path.join(root, name)));
      if (match)
        return `${displayed(root, roots, name)} ${/pgbouncer=true/i.test(match[0]) ? 'sets pgbouncer=true' : 'names port 6432'}`;
    }
  }
  return undefined;
}

function displayed(root: string, roots: readonly string[], name: string): string {
  return root === roots[0] ? name : path.join(path.relative(roots[0], root), name);
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
