import { Pool, PoolClient } from 'pg';

const pool = new Pool();

declare function audit(client: PoolClient, what: string): Promise<void>;

export async function remove(id: number) {
  const client = await pool.connect();
  await client.query('DELETE FROM users WHERE id = $1', [id]);
  await audit(client, 'delete');
  client.release();
}
