import { Pool } from 'pg';

const pool = new Pool();

export async function counts() {
  const client = await pool.connect();
  try {
    const a = await client.query('SELECT count(*) FROM users');
    const b = await client.query('SELECT count(*) FROM orders');
    return [a.rows[0], b.rows[0]];
  } finally {
    client.release();
  }
}
