import { pool } from './db.js';
import { withClient } from './db-helpers.js';

export async function names() {
  return withClient(pool, async (client) => {
    const { rows } = await client.query('SELECT name FROM users');
    return rows.map((r) => r.name);
  });
}
