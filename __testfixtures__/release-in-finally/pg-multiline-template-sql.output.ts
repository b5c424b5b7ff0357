import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  try {
    const r = await client.query(`
    SELECT *
      FROM users
  `);
    return r;
  } finally {
    client.release();
  }
}
