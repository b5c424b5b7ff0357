import { Client } from 'pg';

export async function profile(userId: number) {
  const client = new Client();
  await client.connect();
  const user = await client.query('SELECT * FROM users WHERE id = $1', [userId]);
  const prefs = await client.query('SELECT * FROM prefs WHERE user_id = $1', [userId]);
  await client.end();
  return { ...user.rows[0], prefs: prefs.rows };
}
