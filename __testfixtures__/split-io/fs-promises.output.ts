import { writeFile } from 'node:fs/promises';
import { Pool } from 'pg';

const pool = new Pool();

export async function dumpUsers(path: string) {
  const { rows } = await pool.query('SELECT * FROM users');
  await writeFile(path, JSON.stringify(rows));
  return rows.length;
}
