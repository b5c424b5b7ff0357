// A pool with no statement limit, and a job that sets one per request with
// SET SESSION, inside its transaction: the setting outlives the transaction.
import { Pool } from 'pg';

export const pool = new Pool({
  max: 1,
  application_name: 'pool-codemod-e2e-statement',
});

export async function slowReport(seconds: number): Promise<number> {
  const { rows } = await pool.query('SELECT pg_sleep($1) AS slept, 1 AS done', [seconds]);
  return rows[0].done;
}

export async function nightlyJob(): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SET SESSION statement_timeout = '7s'");
    await client.query('SELECT 1');
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

export async function currentStatementTimeout(): Promise<string> {
  const { rows } = await pool.query('SHOW statement_timeout');
  return rows[0].statement_timeout;
}
