import { Pool } from 'pg';

const pool = new Pool();

export async function fireAndForget(id: number) {
  const client = await pool.connect();
  client.query('UPDATE users SET seen = now() WHERE id = $1', [id]);
  client.release();
}
