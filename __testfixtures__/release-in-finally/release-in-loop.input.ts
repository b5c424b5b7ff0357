import { Pool } from 'pg';

const pool = new Pool();

export async function batches(ids: number[][]) {
  const client = await pool.connect();
  for (const batch of ids) {
    await client.query('DELETE FROM jobs WHERE id = ANY($1)', [batch]);
    if (batch.length === 0) {
      client.release();
      return;
    }
  }
  client.release();
}
