import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: 'localhost' });

export async function ping() {
  const conn = await pool.getConnection();
  await conn.ping();
  pool.releaseConnection(conn);
}
