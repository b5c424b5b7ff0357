const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'localhost' });

async function find(id) {
  await using conn = await pool.getConnection();
  const [rows] = await conn.execute('SELECT * FROM users WHERE id = ?', [id]);
  if (rows.length === 0) {
    return null;
  }
  return rows[0];
}

module.exports = { find };
