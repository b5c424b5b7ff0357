const { Client } = require('pg');

const client = new Client();

// Connected and ended per call: a pg client cannot reconnect, so the second call fails.
async function count() {
  await client.connect();
  const res = await client.query('SELECT count(*) FROM users');
  await client.end();
  return res.rows[0].count;
}

module.exports = { count };
