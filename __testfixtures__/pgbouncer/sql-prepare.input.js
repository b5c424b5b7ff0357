import { pool } from './db.js';

export async function warm() {
  await pool.query('PREPARE top_products AS SELECT * FROM products ORDER BY sales DESC LIMIT 10');
}
