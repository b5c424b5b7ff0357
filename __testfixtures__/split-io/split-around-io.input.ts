import { Pool } from 'pg';

const pool = new Pool();

// The client is used in ways pool.query cannot replace (two queries at once)
// on both sides of the call: the section is split around it, `a` and `b`
// carried across, and the second half checks out a connection again.
export async function refresh(id: number) {
  const client = await pool.connect();
  try {
    const [a, b] = await Promise.all([client.query('SELECT 1'), client.query('SELECT 2')]);
    const res = await fetch(`https://example.com/${id}`);
    await Promise.all([client.query('SELECT 3'), client.query('SELECT 4')]);
    return [a.rows, b.rows, await res.json()];
  } finally {
    client.release();
  }
}
