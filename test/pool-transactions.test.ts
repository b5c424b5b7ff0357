/** A transaction opened through a pool another module makes: the scan says the imported name is a pool. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { run } from '../src/index';

it("BEGIN through a pool imported from the project's pool module is reported; through another imported object it is not", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-transactions-'));
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
    'db.js': "const { Pool } = require('pg');\nconst pool = new Pool({ max: 5 });\nmodule.exports = pool;\n",
    'util.js': 'exports.format = { query: async () => {} };\n',
    'accounts.js': [
      "const pool = require('./db');",
      "const { format } = require('./util');",
      'exports.transfer = async (from) => {',
      "  await pool.query('BEGIN');",
      "  await pool.query('UPDATE accounts SET n = n - 1 WHERE id = $1', [from]);",
      "  await pool.query('COMMIT');",
      '};',
      "exports.other = async () => format.query('BEGIN');",
      '',
    ].join('\n'),
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const result = await run({ transforms: ['release-in-finally'], paths: [dir], dry: true, config: false });
  const found = result.files
    .flatMap((f) => f.findings.map((x) => `${path.basename(f.path)}:${x.line}:${x.column} ${x.messageId}`))
    .sort();
  expect(found).toEqual(['accounts.js:4:9 transaction-on-pool']);
});
