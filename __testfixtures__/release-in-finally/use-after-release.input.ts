import { Pool } from 'pg';

const pool = new Pool();

export async function twice() {
  const client = await pool.connect();
  await client.query('SELECT 1');
  client.release();
  const { rows } = await client.query('SELECT 2');
  return rows;
}
