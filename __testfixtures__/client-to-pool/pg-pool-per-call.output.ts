import { Pool } from 'pg';

const pool = new Pool();

// A whole pool per call, ended after use.
export async function now() {
  const res = await pool.query('SELECT now() AS now');
  return res.rows[0].now;
}

export async function ping() {
  await pool.query('SELECT 1');
}
