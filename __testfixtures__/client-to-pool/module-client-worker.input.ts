import { Client } from 'pg';

// A long-running worker keeps one connection for its life.
const client = new Client();

export async function start() {
  await client.connect();
  setInterval(() => {
    client.query('DELETE FROM jobs WHERE done').catch(console.error);
  }, 60_000);
}
