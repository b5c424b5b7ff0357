import { Pool } from 'pg';

export async function handler(event: { id: number }) {
  const pool = new Pool({ max: 1 });
  const { rows } = await pool.query('SELECT * FROM items WHERE id = $1', [event.id]);
  await pool.end();
  return rows[0];
}
