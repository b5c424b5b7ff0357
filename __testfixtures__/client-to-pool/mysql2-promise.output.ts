import { pool } from './mysql-db';

export async function item(id: number) {
  const [rows] = await pool.execute('SELECT * FROM items WHERE id = ?', [id]);
  return rows;
}
