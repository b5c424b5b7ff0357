import { pool } from './db';

export async function userById(id: number) {
  const { rows } = await pool.query({ name: 'user-by-id', text: 'SELECT * FROM users WHERE id = $1', values: [id] });
  return rows[0];
}
