'use strict';
const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'localhost' });

exports.lastOrder = async function lastOrder(userId) {
  const conn = await pool.getConnection();
  const [rows] = await conn.execute('SELECT * FROM orders WHERE user_id = ? ORDER BY id DESC LIMIT 1', [userId]);
  conn.release();
  return rows[0];
};
