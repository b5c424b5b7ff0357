import { Pool } from 'pg';
import { withClient } from './db-helpers';

const pool = new Pool();

export async function getUser(id: number) {
  return withClient(pool, async (client) => {
    const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    if (rows.length === 0) {
      return null;
    }
    return rows[0];
  });
}
