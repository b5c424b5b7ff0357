import { Pool } from 'pg';

const pool = new Pool();

async function audit(event: string) {
  await pool.query('INSERT INTO audit (event) VALUES ($1)', [event]);
}

// Holds one connection while audit() waits for another from the same pool.
export async function removeUser(id: number) {
  const client = await pool.connect();
  try {
    await client.query('DELETE FROM sessions WHERE user_id = $1', [id]);
    await audit(`removed ${id}`);
    await client.query('DELETE FROM users WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}
