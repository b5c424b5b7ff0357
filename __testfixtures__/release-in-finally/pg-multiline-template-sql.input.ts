import { Pool } from 'pg';
const pool = new Pool();
export async function f() {
  const client = await pool.connect();
  const r = await client.query(`
    SELECT *
      FROM users
  `);
  client.release();
  return r;
}
