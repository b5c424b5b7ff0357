import { pool } from './db';
import { withClient } from './db-helpers';

export async function profile(userId: number) {
  return withClient(pool, async (client) => {
    const user = await client.query('SELECT * FROM users WHERE id = $1', [userId]);
    const prefs = await client.query('SELECT * FROM prefs WHERE user_id = $1', [userId]);
    return { ...user.rows[0], prefs: prefs.rows };
  });
}
