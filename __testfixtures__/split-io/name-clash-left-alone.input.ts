import { Pool } from 'pg';

const pool = new Pool();
const rows = ['module-level'];

// Inlining the section would make the `rows` read below the try see the
// section's own `rows`: the section keeps its checkout, and this is reported.
export async function label(id: number) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT name FROM labels WHERE id = $1', [id]);
    await fetch('https://labels.example.com', { method: 'POST', body: rows[0].name });
  } finally {
    client.release();
  }
  return rows[0];
}
