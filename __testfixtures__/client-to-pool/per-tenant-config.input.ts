import { Client } from 'pg';

// Each tenant has its own database: one shared pool cannot carry that.
export async function tenantUsers(tenantDb: string) {
  const client = new Client({ database: tenantDb });
  await client.connect();
  const res = await client.query('SELECT * FROM users');
  await client.end();
  return res.rows;
}
