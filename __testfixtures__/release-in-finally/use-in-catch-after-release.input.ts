import { Pool } from 'pg';

const pool = new Pool();

// Released before the try even starts: the catch really runs with a released
// client on every path, so this is reported, not rewritten.
export async function lateLog(id: number) {
  const client = await pool.connect();
  await client.query('SELECT 1');
  client.release();
  try {
    await fetchSomething(id);
  } catch (err) {
    await client.query('INSERT INTO errors (msg) VALUES ($1)', [String(err)]);
  }
}

declare function fetchSomething(id: number): Promise<void>;
