const { Pool } = require('pg');

const pool = new Pool();

async function oops(flag) {
  const client = await pool.connect();
  await client.query('SELECT 1');
  if (flag) client.release();
  client.release();
}

module.exports = { oops };
