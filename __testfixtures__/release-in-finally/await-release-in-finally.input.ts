import type { Pool, PoolClient } from 'pg';

// A scoped helper that already does it right (release awaited in a finally):
// left alone, with no finding, even though the client is passed to a callback.
export function makeWithClient(pool: Pool) {
  return async function withClient<T>(callback: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await callback(client);
    } finally {
      await client.release();
    }
  };
}
