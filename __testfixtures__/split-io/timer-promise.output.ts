import { Pool } from 'pg';

const pool = new Pool();

export async function pollUntilReady(id: number) {
  await pool.query('UPDATE jobs SET polled_at = now() WHERE id = $1', [id]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const { rows } = await pool.query('SELECT ready FROM jobs WHERE id = $1', [id]);
  return rows[0].ready;
}
