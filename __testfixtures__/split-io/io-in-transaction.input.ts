import { Pool } from 'pg';

const pool = new Pool();

export async function chargeOrder(orderId: number) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT total FROM orders WHERE id = $1', [orderId]);
    await fetch('https://payments.example.com/charge', { method: 'POST', body: JSON.stringify(rows[0]) });
    await client.query("UPDATE orders SET status = 'paid' WHERE id = $1", [orderId]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}
