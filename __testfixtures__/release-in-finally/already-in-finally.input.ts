import { Pool } from 'pg';

const pool = new Pool();

export async function ok() {
  const client = await pool.connect();
  try {
    return (await client.query('SELECT 1')).rows;
  } finally {
    client.release();
  }
}
