import { pool } from './db';

export async function stage(ids: number[]) {
  await pool.query('CREATE TEMP TABLE picked (id int)');
  await pool.query('INSERT INTO picked SELECT unnest($1::int[])', [ids]);
  return (await pool.query('SELECT * FROM items JOIN picked USING (id)')).rows;
}

export async function staged(ids: number[]) {
  await pool.query('CREATE TEMP TABLE batch (id int) ON COMMIT DROP');
}
