import { Pool } from 'pg';

const pool = new Pool();

export async function tenantExport(schema: string) {
  const client = await pool.connect();
  try {
    await client.query('SET search_path TO reporting');
    const { rows } = await client.query('SELECT * FROM summary');
    await fetch('https://exports.example.com', { method: 'POST', body: JSON.stringify(rows) });
    return rows.length;
  } finally {
    client.release();
  }
}
