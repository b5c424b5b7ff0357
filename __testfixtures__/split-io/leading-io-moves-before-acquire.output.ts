import { Pool } from 'pg';

const pool = new Pool();

// The rates do not depend on the section: fetch them before taking a connection.
export async function priceAll(ids: number[]) {
  const rates = await fetch('https://rates.example.com/today').then((r) => r.json());
  const client = await pool.connect();
  try {
    const [items, taxes] = await Promise.all([
      client.query('SELECT * FROM items WHERE id = ANY($1)', [ids]),
      client.query('SELECT * FROM taxes'),
    ]);
    return items.rows.map((i) => i.price * rates.eur + taxes.rows[0].rate);
  } finally {
    client.release();
  }
}
