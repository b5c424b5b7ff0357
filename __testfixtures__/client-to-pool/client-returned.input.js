const { Client } = require('pg');

async function openClient() {
  const client = new Client();
  await client.connect();
  await client.query("SELECT set_config('app.user', 'batch', false)");
  return client;
}

module.exports = { openClient };
