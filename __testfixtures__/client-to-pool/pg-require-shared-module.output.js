const { pool } = require('./db');

async function latestOrder(userId) {
  const res = await pool.query('SELECT * FROM orders WHERE user_id = $1 ORDER BY id DESC LIMIT 1', [userId]);
  return res.rows[0];
}

module.exports = { latestOrder };
