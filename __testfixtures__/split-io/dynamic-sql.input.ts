import { Pool } from 'pg';

const pool = new Pool();

export async function runAndNotify(sql: string) {
  const client = await pool.connect();
  try {
    const res = await client.query(sql);
    await fetch('https://hooks.example.com/done', { method: 'POST' });
    return res.rowCount;
  } finally {
    client.release();
  }
}
