import pg from 'pg';

// `Client` taken apart from the default import, as the pg docs do for ESM.
const { Pool } = pg;

const pool = new Pool();

export async function serverTime() {
  const res = await pool.query('SELECT now() AS now');
  return res.rows[0].now;
}
