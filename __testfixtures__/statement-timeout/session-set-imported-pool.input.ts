import { pool } from './db';

export async function search(term: string) {
  const client = await pool.connect();
  try {
    await client.query('SET statement_timeout = 3000');
    return (await client.query('SELECT * FROM docs WHERE body ILIKE $1', [`%${term}%`])).rows;
  } finally {
    client.release();
  }
}
