import pg from 'pg';

// `Client` taken apart from the default import, as the pg docs do for ESM.
const { Client, Pool } = pg;

const pool = new Pool();

export async function serverTime() {
  const client = new Client();
  await client.connect();
  const res = await client.query('SELECT now() AS now');
  await client.end();
  return res.rows[0].now;
}
