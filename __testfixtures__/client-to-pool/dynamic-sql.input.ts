import { Client } from 'pg';

// The classic per-call helper: the SQL is whatever the caller passes.
export async function query(text: string, params?: unknown[]) {
  const client = new Client();
  await client.connect();
  const res = await client.query(text, params);
  await client.end();
  return res;
}
