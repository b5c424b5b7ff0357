const mysql = require('mysql2/promise');

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });

async function listOrders(userId) {
  try {
    const conn = await pool.getConnection();
    const [rows] = await conn.query('SELECT * FROM orders WHERE user_id = ?', [userId]);
    conn.release();
    return rows;
  } catch (err) {
    console.error('listOrders failed', err);
    return [];
  }
}

module.exports = { listOrders };
