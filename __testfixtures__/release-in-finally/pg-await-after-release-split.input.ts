import { Pool } from 'pg';

const pool = new Pool();

export async function notifyOwner(id: number) {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT email FROM users WHERE id = $1', [id]);
  client.release();
  await fetch('https://mail.example.com/send', { method: 'POST', body: rows[0].email });
  return rows[0].email;
}
