import { Client } from 'pg';

export async function archive(id: number) {
  const client = new Client();
  await client.connect();
  await client.query('BEGIN');
  await client.query('INSERT INTO archive SELECT * FROM orders WHERE id = $1', [id]);
  await client.query('DELETE FROM orders WHERE id = $1', [id]);
  await client.query('COMMIT');
  await client.end();
}
