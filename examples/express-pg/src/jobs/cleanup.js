import { pool } from '../db.js';

/** Deletes expired sessions; a failing DELETE leaks the client every hour. */
export async function purgeSessions() {
  const client = await pool.connect();
  const { rowCount } = await client.query('DELETE FROM sessions WHERE expires_at < now()');
  client.release();
  console.log(`purged ${rowCount} sessions`);
}

/** Opens a transaction with no ROLLBACK on error (reported, not rewritten). */
export async function archiveOldOrders() {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query("INSERT INTO orders_archive SELECT * FROM orders WHERE created_at < now() - interval '1 year'");
  await client.query("DELETE FROM orders WHERE created_at < now() - interval '1 year'");
  await client.query('COMMIT');
  client.release();
}

export function startCleanup() {
  setInterval(() => {
    purgeSessions().catch((err) => console.error('purge failed', err));
    archiveOldOrders().catch((err) => console.error('archive failed', err));
  }, 60 * 60 * 1000);
}
