import { Pool } from 'pg';

const pool = new Pool();

export async function findSlug(slug: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT id FROM posts WHERE slug = $1', [slug]);
    if (!rows[0]) return null;
    return rows[0].id;
  } finally {
    client.release();
  }
}
