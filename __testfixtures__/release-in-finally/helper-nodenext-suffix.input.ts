import { pool } from './db.js';

export async function names() {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT name FROM users');
  client.release();
  return rows.map((r) => r.name);
}
