import { Pool } from 'pg';

const pool = new Pool();

// The module already has a function called withClient: the helper style
// cannot import another one here, so it reports instead.
function withClient(label: string) {
  return `client:${label}`;
}

export async function touch(id: number) {
  const client = await pool.connect();
  await client.query('UPDATE users SET seen = now() WHERE id = $1', [id]);
  client.release();
  return withClient(String(id));
}
