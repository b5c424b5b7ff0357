import { Pool, type PoolClient } from 'pg';

const pool = new Pool();

export async function tableCount(): Promise<number> {
  const client: PoolClient = await pool.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_tables');
    return rows[0].n;
  } finally {
    client.release();
  }
}
