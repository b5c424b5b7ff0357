// A data-access module with the seed's anti-pattern 2: the client is released
// only on the happy path. The e2e suite runs it as written and as
// pool-codemod rewrites it, against a real PostgreSQL server.
import type { Pool } from 'pg';

export interface Hooks {
  /** Runs after the query, before the release: a handler that throws. */
  afterQuery?: (name: string) => void;
}

export async function userName(pool: Pool, id: unknown, hooks: Hooks = {}): Promise<string | null> {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT name FROM e2e_users WHERE id = $1', [id]);
  if (rows.length === 0) {
    client.release();
    return null;
  }
  hooks.afterQuery?.(rows[0].name);
  client.release();
  return rows[0].name;
}

export async function rename(pool: Pool, id: number, name: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE e2e_users SET name = $1 WHERE id = $2', [name, id]);
    await client.query('COMMIT');
    client.release();
  } catch (err) {
    await client.query('ROLLBACK');
    client.release();
    throw err;
  }
}
