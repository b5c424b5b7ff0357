import { Pool } from 'pg';

// A pool per call is client-to-pool's to fix; its timeout is not the issue.
export async function handler() {
  const pool = new Pool();
  const { rows } = await pool.query('SELECT 1');
  await pool.end();
  return rows;
}
