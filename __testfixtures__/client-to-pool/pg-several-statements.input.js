const { Client } = require('pg');

// Two statements: they share one checkout, released in a finally.
async function dashboard(userId) {
  const client = new Client();
  await client.connect();
  const user = await client.query('SELECT * FROM users WHERE id = $1', [userId]);
  const orders = await client.query('SELECT * FROM orders WHERE user_id = $1', [userId]);
  await client.end();
  return { user: user.rows[0], orders: orders.rows };
}

module.exports = { dashboard };
