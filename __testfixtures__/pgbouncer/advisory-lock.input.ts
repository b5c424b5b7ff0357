import { pool } from './db';

export async function runExclusive(job: () => Promise<void>) {
  await pool.query('SELECT pg_advisory_lock(42)');
  try {
    await job();
  } finally {
    await pool.query('SELECT pg_advisory_unlock(42)');
  }
}

export async function inTransaction() {
  await pool.query('SELECT pg_advisory_xact_lock(7)');
}
