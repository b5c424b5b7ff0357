import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: 'localhost' });

export async function count() {
  await using conn = await pool.getConnection();
  const [rows] = await conn.query('SELECT COUNT(*) AS n FROM users');
  return rows;
}
