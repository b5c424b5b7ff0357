const mysql = require('mysql2');

const pool = mysql.createPool({ host: 'localhost' });

async function names() {
  const conn = await pool.promise().getConnection();
  try {
    const [rows] = await conn.execute('SELECT name FROM users');
    return rows.map((r) => r.name);
  } finally {
    conn.release();
  }
}

module.exports = { names };
