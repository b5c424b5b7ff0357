/** Running the built CLI as a user does: a child process on a throwaway directory. */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BIN = path.join(__dirname, '..', '..', 'bin', 'pool-codemod.js');

export function project(files: Record<string, string | Buffer>, git = false): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  if (git) {
    const g = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
    g('init', '-q');
    g('add', '-A');
    g('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
  }
  return dir;
}

export function cli(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const read = (dir: string, name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');

/** A checkout released outside a finally: release-in-finally rewrites it. */
export const LEAKY = `import { Pool } from 'pg';
const pool = new Pool();

export async function count() {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT count(*) FROM users');
  client.release();
  return rows[0].count;
}
`;

/** A checkout returned to the caller: reported, never rewritten. */
export const ESCAPING = `import { Pool } from 'pg';
const pool = new Pool();

export async function open() {
  const client = await pool.connect();
  await client.query('SET search_path TO app');
  return client;
}
`;

/** Already safe: nothing to do. */
export const CLEAN = `import { Pool } from 'pg';
const pool = new Pool();

export async function count() {
  const client = await pool.connect();
  try {
    return (await client.query('SELECT 1')).rows;
  } finally {
    client.release();
  }
}
`;
