import { Pool } from 'pg';
import { mailer } from './mail';

const pool = new Pool();

export async function welcome(id: number) {
  const { rows } = await pool.query('SELECT email FROM users WHERE id = $1', [id]);
  await mailer.send(rows[0].email, 'Welcome!');
  await pool.query('UPDATE users SET welcomed = true WHERE id = $1', [id]);
}
