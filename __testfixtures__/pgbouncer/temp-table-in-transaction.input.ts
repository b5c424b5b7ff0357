import { pool } from './db';

export async function restock(ids: number[]) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('CREATE TEMP TABLE picked (id int)');
    await client.query('INSERT INTO picked SELECT unnest($1::int[])', [ids]);
    await client.query('UPDATE items SET stock = stock + 1 WHERE id IN (SELECT id FROM picked)');
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

export async function restockDropped(ids: number[]) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('CREATE TEMP TABLE batch (id int) ON COMMIT DROP');
    await client.query('INSERT INTO batch SELECT unnest($1::int[])', [ids]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}
