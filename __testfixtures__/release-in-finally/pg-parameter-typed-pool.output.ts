import { Pool } from 'pg';

export async function tableNames(pool: Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    const res = await client.query<{ tablename: string }>('SELECT tablename FROM pg_tables');
    return res.rows.map((r) => r.tablename);
  } finally {
    client.release();
  }
}
