import { pool } from './db';

export async function exportAll() {
  await pool.query('DECLARE all_rows CURSOR WITH HOLD FOR SELECT * FROM events');
  return (await pool.query('FETCH 1000 FROM all_rows')).rows;
}
