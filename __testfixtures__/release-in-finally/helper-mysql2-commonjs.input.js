const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'localhost' });

async function touch(id) {
  const conn = await pool.getConnection();
  await conn.query('UPDATE users SET seen = NOW() WHERE id = ?', [id]);
  conn.release();
}

module.exports = { touch };
