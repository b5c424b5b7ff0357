import { pool } from './db';

// Never ended: every call leaks a server connection.
export async function slugExists(slug: string) {
  const res = await pool.query('SELECT 1 FROM posts WHERE slug = $1', [slug]);
  return res.rowCount > 0;
}
