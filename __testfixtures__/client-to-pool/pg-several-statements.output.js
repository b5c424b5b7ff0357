const { pool } = require('./db');

// Two statements: they share one checkout, released in a finally.
async function dashboard(userId) {
  const client = await pool.connect();
  try {
    const user = await client.query('SELECT * FROM users WHERE id = $1', [userId]);
    const orders = await client.query('SELECT * FROM orders WHERE user_id = $1', [userId]);
    return { user: user.rows[0], orders: orders.rows };
  } finally {
    client.release();
  }
}

module.exports = { dashboard };
