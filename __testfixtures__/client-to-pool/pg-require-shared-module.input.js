const { Client } = require('pg');

async function latestOrder(userId) {
  const client = new Client();
  await client.connect();
  const res = await client.query('SELECT * FROM orders WHERE user_id = $1 ORDER BY id DESC LIMIT 1', [userId]);
  await client.end();
  return res.rows[0];
}

module.exports = { latestOrder };
