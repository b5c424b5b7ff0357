import { Pool } from 'pg';
import { withClient } from './db-helpers';

const pool = new Pool();

// A helper section that needs a split becomes the checkout it stands for,
// split around the call.
export async function refresh(id: number) {
  return withClient(pool, async (client) => {
    const [a, b] = await Promise.all([client.query('SELECT 1'), client.query('SELECT 2')]);
    const res = await fetch(`https://example.com/${id}`);
    await Promise.all([client.query('SELECT 3'), client.query('SELECT 4')]);
    return [a.rows, b.rows, await res.json()];
  });
}
