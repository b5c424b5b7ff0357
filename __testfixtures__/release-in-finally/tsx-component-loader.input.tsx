import { Pool } from 'pg';

const pool = new Pool();

export async function Users() {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT id, name FROM users');
  client.release();
  return <ul>{rows.map((u) => <li key={u.id}>{u.name}</li>)}</ul>;
}
