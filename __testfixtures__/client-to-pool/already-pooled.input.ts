import { Pool } from 'pg';

const pool = new Pool();

export async function users() {
  const { rows } = await pool.query('SELECT * FROM users');
  return rows;
}
