import { Pool } from 'pg';

const pool = new Pool();

export async function avatar(id: number) {
  const { rows } = await pool.query('SELECT avatar_url FROM users WHERE id = $1', [id]);
  const res = await fetch(rows[0].avatar_url);
  return res.arrayBuffer();
}
