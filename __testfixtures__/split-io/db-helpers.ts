// The helper the helper-style fixtures import, as pool-codemod writes it.
import type { Pool as PgPool, PoolClient } from 'pg';

/** Runs `fn` with a connection checked out of `pool`, and always gives it back, even when `fn` throws. */
export async function withClient<T>(pool: PgPool, fn: (connection: PoolClient) => Promise<T>): Promise<T> {
  const connection = await pool.connect();
  try {
    return await fn(connection);
  } finally {
    connection.release();
  }
}
