import pg from 'pg';

const pool = new pg.Pool();

export async function countOrders() {
  const res = await pool.query('SELECT count(*)::int AS n FROM orders');
  return res.rows[0].n;
}

export { pool };
