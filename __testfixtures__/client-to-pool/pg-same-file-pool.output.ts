import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

/** One query per call, on a connection of its own. */
export async function getUser(id: number) {
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0];
}

export async function ping() {
  return pool.query('SELECT 1');
}
