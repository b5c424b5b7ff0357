import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: 'localhost' });

export async function count() {
  const conn = await pool.getConnection();
  const [rows] = await conn.query('SELECT COUNT(*) AS n FROM users');
  conn.release();
  return rows;
}
