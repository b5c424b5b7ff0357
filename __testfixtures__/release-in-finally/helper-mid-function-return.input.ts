import { Pool } from 'pg';

const pool = new Pool();

export async function firstOrDefault(ids: number[]) {
  for (const id of ids) {
    const client = await pool.connect();
    const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    client.release();
    if (rows[0]) return rows[0];
  }
  return null;
}
