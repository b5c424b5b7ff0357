import { Pool, type PoolClient } from 'pg';

const pool = new Pool();

declare function withTransaction<T>(client: PoolClient, fn: () => Promise<T>): Promise<T>;

// The call sits inside a transaction helper's callback: reported, never moved.
export async function pay(orderId: number) {
  const client = await pool.connect();
  try {
    await withTransaction(client, async () => {
      await client.query("UPDATE orders SET state = 'paying' WHERE id = $1", [orderId]);
      await fetch('https://payments.example.com/charge', { method: 'POST', body: String(orderId) });
    });
  } finally {
    client.release();
  }
}
