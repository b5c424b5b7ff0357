import { Pool } from 'pg';

const pool = new Pool();

// A helper section that needs a split becomes the checkout it stands for,
// split around the call.
export async function refresh(id: number) {
  let a, b;
  const client = await pool.connect();
  try {
    [a, b] = await Promise.all([client.query('SELECT 1'), client.query('SELECT 2')]);
  } finally {
    client.release();
  }
  const res = await fetch(`https://example.com/${id}`);
  const client2 = await pool.connect();
  try {
    await Promise.all([client2.query('SELECT 3'), client2.query('SELECT 4')]);
    return [a.rows, b.rows, await res.json()];
  } finally {
    client2.release();
  }
}
