import { pool } from './db';

export async function userName(id: number): Promise<string | undefined> {
  const res = await pool.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [id]);
  return res.rows[0]?.name;
}
