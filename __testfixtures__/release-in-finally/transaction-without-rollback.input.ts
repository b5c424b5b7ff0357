import { Pool } from 'pg';

const pool = new Pool();

export async function move(id: number) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query('UPDATE items SET shelf = 2 WHERE id = $1', [id]);
  await client.query('COMMIT');
  client.release();
}
