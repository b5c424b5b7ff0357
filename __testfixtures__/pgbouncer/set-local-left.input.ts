import { pool } from './db';

export async function report() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SET LOCAL statement_timeout = '5s'");
    const { rows } = await client.query('SELECT * FROM big');
    await client.query('COMMIT');
    return rows;
  } finally {
    client.release();
  }
}
