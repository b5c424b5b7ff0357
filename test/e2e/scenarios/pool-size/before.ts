// One instance of a service: its own pool, of the library's default size.
import { Pool } from 'pg';

export const pool = new Pool({
  user: 'pool_codemod_e2e_size',
  password: 'pool-codemod-e2e',
  application_name: 'pool-codemod-e2e-size',
  connectionTimeoutMillis: 10000,
});

export async function work(ms: number): Promise<void> {
  await pool.query('SELECT pg_sleep($1)', [ms / 1000]);
}
