const { Client } = require('pg');

async function tenantReport(schema) {
  const client = new Client();
  await client.connect();
  await client.query("SET search_path TO reporting");
  const res = await client.query('SELECT * FROM summary');
  await client.end();
  return res.rows;
}

module.exports = { tenantReport };
