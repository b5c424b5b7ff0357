import { Pool } from 'pg';

const pool = new Pool();

export async function archive(id: number) {
  const client = await pool.connect();
  let failure;
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO archive SELECT * FROM orders WHERE id = $1', [id]);
    await client.query('DELETE FROM orders WHERE id = $1', [id]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    // a broken connection must not go back to the pool
    failure = err as Error;
    throw err;
  } finally {
    client.release(failure);
  }
}
