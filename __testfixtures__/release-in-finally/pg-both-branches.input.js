import pg from 'pg';

const pool = new pg.Pool();

export async function setActive(id, active) {
  const client = await pool.connect();
  if (active) {
    await client.query('UPDATE users SET active = true WHERE id = $1', [id]);
    client.release();
  } else {
    await client.query('UPDATE users SET active = false WHERE id = $1', [id]);
    client.release();
  }
}
