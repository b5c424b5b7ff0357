import { Pool } from 'pg';

const pool = new Pool();

export async function checkout() {
  const client = await pool.connect();
  await client.query("SET search_path TO tenant");
  return client;
}
