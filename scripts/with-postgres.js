#!/usr/bin/env node
/**
 * Runs a command with a PostgreSQL server available:
 * - DATABASE_URL or PGHOST set: the user's server; the command runs as is.
 * - else, pg_virtualenv on PATH (Debian's postgresql-common): a throwaway
 *   cluster is created for the command (PG* variables set) and dropped after.
 * - else: the command runs with POOL_CODEMOD_NO_DB=1, and the end-to-end
 *   suite fails saying how to provide a server. It never passes silently.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const command = process.argv.slice(2);
if (command.length === 0) {
  process.stderr.write('usage: node scripts/with-postgres.js <command...>\n');
  process.exit(2);
}

function onPath(name) {
  return (process.env.PATH || '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, name)));
}

function run(argv, env) {
  const r = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', env });
  if (r.error) {
    process.stderr.write(`with-postgres: cannot run ${argv[0]}: ${r.error.message}\n`);
    return 2;
  }
  return r.status === null ? 1 : r.status;
}

let code;
if (process.env.DATABASE_URL || process.env.PGHOST) {
  code = run(command, process.env);
} else if (onPath('pg_virtualenv')) {
  process.stderr.write('with-postgres: starting a throwaway PostgreSQL cluster with pg_virtualenv\n');
  // -t: keep the cluster in a temporary directory even when running as root.
  code = run(['pg_virtualenv', '-t', ...command], process.env);
} else {
  process.stderr.write(
    'with-postgres: no DATABASE_URL/PGHOST and no pg_virtualenv on PATH: the end-to-end suite will fail.\n' +
      '  Set DATABASE_URL (or PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE) to a server you provide, or install\n' +
      '  postgresql and postgresql-common (apt-get install postgresql postgresql-common) for pg_virtualenv.\n',
  );
  code = run(command, { ...process.env, POOL_CODEMOD_NO_DB: '1' });
}
process.exit(code);
