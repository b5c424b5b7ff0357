import { pool } from './db';

export async function asTenant(tenant: string, sql: string) {
  await pool.query(`SET app.tenant = '${tenant}'`);
  return pool.query(sql);
}
