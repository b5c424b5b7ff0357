import { Pool } from 'pg';

const pool = new Pool();
pool.on('error', (err) => console.error(err));

export async function sync(id: number) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT url FROM hooks WHERE id = $1', [id]);
    await fetch(rows[0].url);
    await client.query('UPDATE hooks SET sent = now() WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}
