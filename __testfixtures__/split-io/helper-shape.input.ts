import { Pool } from 'pg';
import { withClient } from './db-helpers';

const pool = new Pool();

export async function avatar(id: number) {
  return withClient(pool, async (client) => {
    const { rows } = await client.query('SELECT avatar_url FROM users WHERE id = $1', [id]);
    const res = await fetch(rows[0].avatar_url);
    return res.arrayBuffer();
  });
}
