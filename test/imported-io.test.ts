/** I/O wrappers another module of the project exports: a connection held across one is held across that I/O. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { run } from '../src/index';
import { project } from './support/cli';

/** split-io's rewrites by file name, and its findings as `file:line id`. */
async function splitIo(files: Record<string, string>): Promise<{ after: Record<string, string>; findings: string[] }> {
  const result = await run({ transforms: ['split-io'], paths: [project(files)], dry: true, config: false });
  const after: Record<string, string> = {};
  for (const f of result.files)
    if (f.status === 'changed' && f.after !== undefined) after[path.basename(f.path)] = f.after;
  const findings = result.files.flatMap((f) =>
    f.findings.map((x) => `${path.basename(f.path)}:${x.line} ${x.messageId}`),
  );
  return { after, findings };
}

it('a CommonJS module exporting an async function that posts through its own exported axios instance (this.api), and an ESM one that fetches', async () => {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ dependencies: { pg: '^8', axios: '^1' } }),
    'common.js': [
      'const axios = require("axios");',
      'module.exports.api = axios.create({ baseURL: process.env.API });',
      'module.exports.processAndInsert = async (index, rows) => {',
      '    const { data } = await this.api.post(`bulk?index=${index}`, { data: rows });',
      '    return data;',
      '};',
      '',
    ].join('\n'),
    'notify.mjs': 'export async function notify(id) {\n  await fetch(`https://hooks.example.com/${id}`);\n}\n',
    'job.js': [
      'const { Pool } = require("pg");',
      'const { processAndInsert } = require("./common");',
      'const pool = new Pool({ max: 2 });',
      'exports.run = async () => {',
      '    const client = await pool.connect();',
      '    try {',
      '        const { rows } = await client.query("SELECT id FROM items");',
      '        await processAndInsert("items", rows);',
      '    } finally {',
      '        client.release();',
      '    }',
      '};',
      '',
    ].join('\n'),
    'hook.mjs': [
      "import pg from 'pg';",
      "import { notify } from './notify.mjs';",
      'const pool = new pg.Pool({ max: 2 });',
      'export async function handle(id) {',
      '  const client = await pool.connect();',
      '  try {',
      "    await client.query('UPDATE t SET done = true WHERE id = $1', [id]);",
      '    await notify(id);',
      '  } finally {',
      '    client.release();',
      '  }',
      '}',
      '',
    ].join('\n'),
  };
  // Known as I/O, the awaits after the last query move out of the section: the one query goes through the pool.
  // (Taken for a wait of unknown cost, each was only a note and nothing moved.)
  const { after, findings } = await splitIo(files);
  expect(findings).toEqual([]);
  expect(after['job.js']).toContain(
    'const { rows } = await pool.query("SELECT id FROM items");\n    await processAndInsert("items", rows);',
  );
  expect(after['job.js']).not.toContain('pool.connect()');
  expect(after['hook.mjs']).toContain(
    "await pool.query('UPDATE t SET done = true WHERE id = $1', [id]);\n  await notify(id);",
  );
});
