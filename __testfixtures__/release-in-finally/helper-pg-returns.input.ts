import { Pool } from 'pg';

const pool = new Pool();

export async function getUser(id: number) {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  if (rows.length === 0) {
    client.release();
    return null;
  }
  client.release();
  return rows[0];
}
