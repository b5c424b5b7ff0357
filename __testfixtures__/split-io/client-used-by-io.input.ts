import { Pool } from 'pg';

const pool = new Pool();

// The call reports the backend pid: it needs the client itself, so the
// checkout cannot go away; reported.
export async function reportPid() {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    await fetch('https://metrics.example.com', { method: 'POST', body: String((client as any).processID) });
  } finally {
    client.release();
  }
}
