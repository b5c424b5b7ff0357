/**
 * A pool config one relative import away: the configuration transforms read
 * the constant object another module exports, add what it lacks in a copy
 * made at the call (`{ ...dbCreds, key: value }`), and never write into the
 * shared module; what they cannot read stays reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { run } from '../src/index';
import { project } from './support/cli';

const PG = JSON.stringify({ dependencies: { pg: '^8' } });
const TRANSFORMS = ['acquire-timeout', 'statement-timeout', 'pool-size'];

it('adds the options a config exported by another module lacks, at the call, and reads what it sets', async () => {
  const dir = project({
    'package.json': PG,
    // CommonJS, the whole module is the config; it sets a size, so pool-size has nothing to say.
    'dbCreds.js': 'const dbCreds = {\n  host: process.env.PGHOST,\n  max: 10,\n};\nmodule.exports = dbCreds;\n',
    'db.js':
      "const { Pool } = require('pg');\nconst dbCreds = require('./dbCreds');\nconst pool = new Pool(dbCreds);\nmodule.exports = pool;\n",
    // ES modules, tabs, double quotes: a property of an exported object, which waits forever on purpose.
    'esm/config.mjs':
      'export const config = {\n\tdb: { connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 0, max: 5 },\n\tport: 3000,\n};\n',
    'esm/db.mjs':
      'import pg from "pg";\nimport { config } from "./config.mjs";\nexport const pool = new pg.Pool(config.db);\n',
    // TypeScript, no semicolons: a named export with a type annotation, spread into a config of the file.
    'ts/settings.ts':
      "import type { PoolConfig } from 'pg'\nexport const base: PoolConfig = { host: 'db', connectionTimeoutMillis: 2000, max: 4 }\n",
    'ts/db.ts':
      "import { Pool } from 'pg'\nimport { base } from './settings'\nexport const pool = new Pool({ ...base, statement_timeout: 10000 })\n",
  });
  const before = fs.readFileSync(path.join(dir, 'esm/config.mjs'), 'utf8');
  const result = await run({ transforms: TRANSFORMS, paths: [dir], config: false });
  expect(fs.readFileSync(path.join(dir, 'db.js'), 'utf8')).toContain(
    'const pool = new Pool({ ...dbCreds, connectionTimeoutMillis: 5000, statement_timeout: 30000 });',
  );
  expect(fs.readFileSync(path.join(dir, 'esm/db.mjs'), 'utf8')).toContain(
    'export const pool = new pg.Pool({ ...config.db, statement_timeout: 30000 });',
  );
  // Everything the TypeScript pool needs is already in the two objects.
  expect(fs.readFileSync(path.join(dir, 'ts/db.ts'), 'utf8')).toContain(
    'new Pool({ ...base, statement_timeout: 10000 })',
  );
  expect(fs.readFileSync(path.join(dir, 'esm/config.mjs'), 'utf8')).toBe(before);
  const found = result.files
    .flatMap((f) => f.findings.map((x) => `${path.relative(dir, f.path)}:${x.line} ${x.transform}/${x.messageId}`))
    .sort();
  expect(found).toEqual(['esm/db.mjs:3 acquire-timeout/waits-forever']);
});

it('a config its module or its importer changes after making it stays reported as unseen', async () => {
  const dir = project({
    'package.json': PG,
    'creds.js': "const creds = { host: 'db' };\ncreds.max = Number(process.env.MAX);\nmodule.exports = creds;\n",
    'db.js': "const { Pool } = require('pg');\nconst creds = require('./creds');\nmodule.exports = new Pool(creds);\n",
    'app.js':
      "const { Pool } = require('pg');\nconst { settings } = require('./settings');\nsettings.ssl = true;\nmodule.exports = new Pool(settings);\n",
    'settings.js': "exports.settings = { host: 'db' };\n",
  });
  const result = await run({ transforms: TRANSFORMS, paths: [dir], dry: true, config: false });
  expect(result.files.filter((f) => f.status === 'changed')).toEqual([]);
  const found = result.files
    .flatMap((f) => f.findings.map((x) => `${path.basename(f.path)} ${x.transform}/${x.messageId}`))
    .sort();
  expect(found).toEqual([
    'app.js acquire-timeout/config-opaque',
    'app.js pool-size/config-opaque',
    'app.js statement-timeout/config-opaque',
    'db.js acquire-timeout/config-opaque',
    'db.js pool-size/config-opaque',
    'db.js statement-timeout/config-opaque',
  ]);
});

it('a size over the budget written in the imported module is reported, not overridden at the call', async () => {
  const dir = project({
    'package.json': PG,
    'creds.js': "module.exports = { host: 'db', max: 50, connectionTimeoutMillis: 5000, statement_timeout: 30000 };\n",
    'db.js': "const { Pool } = require('pg');\nconst creds = require('./creds');\nmodule.exports = new Pool(creds);\n",
  });
  const result = await run({
    transforms: ['pool-size'],
    paths: [dir],
    dry: true,
    config: false,
    options: { dbMaxConnections: 100, instances: 4 },
  });
  const db = result.files.find((f) => f.path.endsWith('db.js'));
  expect(db?.status).not.toBe('changed');
  expect(db?.findings.map((f) => `${f.messageId} ${f.data?.why}`)).toEqual([
    'config-opaque a size of 50 set in the module it is imported from',
  ]);
});
