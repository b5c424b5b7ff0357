import { Pool } from 'pg';

const pool = new Pool();

/** Holds a connection for the whole upstream call. */
export async function syncProfile(id: number) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT email FROM users WHERE id = $1', [id]);
    const res = await fetch(`https://profiles.example.com/${rows[0].email}`);
    const profile = await res.json();
    await client.query('UPDATE users SET bio = $1 WHERE id = $2', [profile.bio, id]);
    return profile;
  } finally {
    client.release();
  }
}
