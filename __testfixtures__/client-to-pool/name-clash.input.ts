import { Client } from 'pg';

// `pool` already means something else in this module.
const pool = ['a', 'b'];

export async function first() {
  const client = new Client();
  await client.connect();
  const res = await client.query('SELECT 1 AS one');
  await client.end();
  return [res.rows[0].one, pool[0]];
}
