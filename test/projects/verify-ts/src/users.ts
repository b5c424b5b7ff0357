import { pool } from './db';

export async function userCount(): Promise<number> {
  const client = await pool.connect();
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  client.release();
  return rows[0].n;
}
