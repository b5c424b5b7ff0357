import { Client } from 'pg';

const settings = { connectionString: process.env.DATABASE_URL, ssl: true };

export async function users() {
  const client = new Client(settings);
  await client.connect();
  const res = await client.query('SELECT * FROM users');
  await client.end();
  return res.rows;
}
