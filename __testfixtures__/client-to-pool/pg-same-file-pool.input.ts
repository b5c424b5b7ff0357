import { Client, Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

/** One query per call, on a connection of its own. */
export async function getUser(id: number) {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
  await client.end();
  return rows[0];
}

export async function ping() {
  return pool.query('SELECT 1');
}
