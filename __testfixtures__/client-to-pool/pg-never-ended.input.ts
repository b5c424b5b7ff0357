import { Client } from 'pg';

// Never ended: every call leaks a server connection.
export async function slugExists(slug: string) {
  const client = new Client();
  await client.connect();
  const res = await client.query('SELECT 1 FROM posts WHERE slug = $1', [slug]);
  return res.rowCount > 0;
}
