import { Pool } from 'pg';

const pool = new Pool();

export async function countUsers(): Promise<number> {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT count(*)::int AS n FROM users');
  client.release();
  return rows[0].n;
}
