import { Pool } from 'pg';

const pool = new Pool();

export async function findSlug(slug: string) {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT id FROM posts WHERE slug = $1', [slug]);
  if (!rows[0]) return null;
  client.release();
  return rows[0].id;
}
