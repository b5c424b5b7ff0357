import { Client } from 'pg';

// Run alone (plain jscodeshift, or no pool known): reported, not guessed.
export async function version() {
  const client = new Client();
  await client.connect();
  const res = await client.query('SELECT version()');
  await client.end();
  return res.rows[0].version;
}
