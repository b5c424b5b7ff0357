const { Client } = require('pg');

async function tags() {
  const client = new Client();
  await client.connect();
  const res = await client.query('SELECT name FROM tags ORDER BY name');
  client.end();
  return res.rows.map((r) => r.name);
}

module.exports = { tags };
