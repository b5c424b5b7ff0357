import type { PoolClient } from 'pg';
import { pool } from './db';

/** A client the app decorates with an audit hook after checkout. */
interface AuditedClient extends PoolClient {
  audit?: (message: string) => void;
}

// With --style helper the checkout moves into `withClient(pool, async
// (client) => ...)`, whose callback parameter is a plain PoolClient: the
// AuditedClient annotation cannot be kept, `client.audit` no longer
// type-checks, and --verify must roll this file back and say why.
export async function renameUser(id: number, name: string): Promise<void> {
  const client: AuditedClient = await pool.connect();
  client.audit?.(`rename ${id}`);
  await client.query('UPDATE users SET name = $1 WHERE id = $2', [name, id]);
  client.release();
}
