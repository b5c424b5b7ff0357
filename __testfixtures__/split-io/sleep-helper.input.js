import pg from 'pg';

const pool = new pg.Pool();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function retryLater(id) {
  const client = await pool.connect();
  try {
    await client.query('UPDATE jobs SET attempts = attempts + 1 WHERE id = $1', [id]);
    await sleep(1000);
    await client.query("UPDATE jobs SET state = 'queued' WHERE id = $1", [id]);
  } finally {
    client.release();
  }
}
