import { Pool } from 'pg';

const pool = new Pool();

// A whole pool per call, ended after use.
export async function now() {
  const perCall = new Pool();
  const res = await perCall.query('SELECT now() AS now');
  await perCall.end();
  return res.rows[0].now;
}

export async function ping() {
  await pool.query('SELECT 1');
}
