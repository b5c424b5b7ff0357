const mysql = require('mysql2');

const pool = mysql.createPool({ host: 'localhost' });

async function names() {
  const conn = await pool.promise().getConnection();
  const [rows] = await conn.execute('SELECT name FROM users');
  conn.release();
  return rows.map((r) => r.name);
}

module.exports = { names };
