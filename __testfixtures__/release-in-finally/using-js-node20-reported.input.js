const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'localhost' });

async function find(id) {
  const conn = await pool.getConnection();
  const [rows] = await conn.execute('SELECT * FROM users WHERE id = ?', [id]);
  if (rows.length === 0) {
    conn.release();
    return null;
  }
  conn.release();
  return rows[0];
}

module.exports = { find };
