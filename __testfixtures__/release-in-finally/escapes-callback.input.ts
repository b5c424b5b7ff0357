import { Pool } from 'pg';

const pool = new Pool();

export async function later(id: number) {
  const client = await pool.connect();
  setTimeout(() => client.query('UPDATE users SET pinged = now() WHERE id = $1', [id]), 1000);
  client.release();
}
