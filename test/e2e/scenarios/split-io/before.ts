// A handler with the seed's anti-pattern 7: the connection stays checked out
// while it waits on an upstream call (a 200 ms stub). The e2e suite runs it
// as written and as pool-codemod rewrites it, against a real PostgreSQL.
import type { Pool } from 'pg';

/** The upstream: 200 ms, like a slow HTTP API. */
export async function fetchTag(email: string): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  return `tag-${email.length}`;
}

export async function enrich(pool: Pool, id: number): Promise<string> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT email FROM e2e_io_users WHERE id = $1', [id]);
    const tag = await fetchTag(rows[0].email);
    await client.query('UPDATE e2e_io_users SET tag = $1 WHERE id = $2', [tag, id]);
    return tag;
  } finally {
    client.release();
  }
}
