import pg from 'pg';

const pool = new pg.Pool();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function retryLater(id) {
  await pool.query('UPDATE jobs SET attempts = attempts + 1 WHERE id = $1', [id]);
  await sleep(1000);
  await pool.query("UPDATE jobs SET state = 'queued' WHERE id = $1", [id]);
}
