import { Pool } from 'pg';

const pool = new Pool();

/**
 * Loads one user, or null.
 */
export async function getUser(id: number) {
  const client = await pool.connect();
  try {
    // one round trip
    const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    if (rows.length === 0) {
      return null;
    }
    return rows[0];
  } finally {
    client.release();
  }
}
