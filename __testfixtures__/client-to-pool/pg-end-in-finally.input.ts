import { Client } from 'pg';

export async function userName(id: number): Promise<string | undefined> {
  const client = new Client();
  await client.connect();
  try {
    const res = await client.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [id]);
    return res.rows[0]?.name;
  } finally {
    await client.end();
  }
}
