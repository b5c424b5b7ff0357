import { Client } from 'pg';

declare function retry(fn: () => Promise<void>): Promise<void>;

export async function withRetry() {
  let client: Client | undefined;
  await retry(async () => {
    client = new Client();
    await client.connect();
  });
  const res = await client!.query('SELECT 1');
  await client!.end();
  return res.rows;
}
