import pg from 'pg';

const pool = new pg.Pool();

export async function countOrders() {
  const client = new pg.Client();
  await client.connect();
  const res = await client.query('SELECT count(*)::int AS n FROM orders');
  await client.end();
  return res.rows[0].n;
}

export { pool };
