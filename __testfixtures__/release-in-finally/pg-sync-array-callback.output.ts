import { Pool } from 'pg';

const pool = new Pool();

export async function quoteAll(names: string[]) {
  const client = await pool.connect();
  try {
    const quoted = names.map((n) => client.escapeLiteral(n));
    const { rows } = await client.query(`SELECT * FROM users WHERE name IN (${quoted.join(',')})`);
    return rows;
  } finally {
    client.release();
  }
}
