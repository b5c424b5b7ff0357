// A handler with the seed's anti-pattern 1: a new connection per call. The
// e2e suite runs it as written and as pool-codemod rewrites it (with the
// shared pool module the run creates), against a real PostgreSQL server.
import { Client } from 'pg';

export async function getUser(id: number): Promise<string | null> {
  const client = new Client({ application_name: 'pool-codemod-e2e-c2p' });
  await client.connect();
  const { rows } = await client.query('SELECT name FROM e2e_c2p_users WHERE id = $1', [id]);
  await client.end();
  return rows[0]?.name ?? null;
}
