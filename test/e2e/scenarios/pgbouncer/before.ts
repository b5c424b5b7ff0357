// Code that relies on its database session, as services do before they put
// PgBouncer (transaction mode) in front of PostgreSQL.
import type { Pool } from 'pg';

/** A tenant's items: the search_path is set inside the transaction that needs it, but for the whole session. */
export async function tenantItems(pool: Pool, tenant: string): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET search_path TO ${tenant}`);
    const { rows } = await client.query('SELECT name FROM items ORDER BY name');
    await client.query('COMMIT');
    return rows.map((r) => r.name);
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/** A named prepared statement: kept by one server session. */
export async function itemCount(pool: Pool): Promise<number> {
  const { rows } = await pool.query({ name: 'item-count', text: 'SELECT count(*)::int AS n FROM e2e_tenant.items' });
  return rows[0].n;
}
