import { Pool } from 'pg';

const pool = new Pool();

export async function forgetful() {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT now()');
  return rows[0];
}
