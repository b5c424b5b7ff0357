'use strict';
const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'localhost' });

exports.lastOrder = async function lastOrder(userId) {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.execute('SELECT * FROM orders WHERE user_id = ? ORDER BY id DESC LIMIT 1', [userId]);
    return rows[0];
  } finally {
    conn.release();
  }
};
