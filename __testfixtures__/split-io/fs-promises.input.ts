import { writeFile } from 'node:fs/promises';
import { Pool } from 'pg';

const pool = new Pool();

export async function dumpUsers(path: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM users');
    await writeFile(path, JSON.stringify(rows));
    return rows.length;
  } finally {
    client.release();
  }
}
