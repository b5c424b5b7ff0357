const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'db', connectionLimit: 5 });

async function strict(sql) {
  const conn = await pool.getConnection();
  try {
    await conn.query("SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
    await conn.query('CREATE TEMPORARY TABLE picked (id int)');
    return await conn.query(sql);
  } finally {
    conn.release();
  }
}

module.exports = { strict };
