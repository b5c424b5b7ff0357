import { pool } from './db';

export async function tenantOrders(tenant: string) {
  const client = await pool.connect();
  try {
    await client.query(`SET search_path TO ${tenant}`);
    await client.query('SET search_path TO tenant_a');
    return (await client.query('SELECT * FROM orders')).rows;
  } finally {
    client.release();
  }
}
