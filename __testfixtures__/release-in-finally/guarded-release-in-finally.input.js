const { Pool } = require('pg');

const pool = new Pool();

async function guarded() {
  let client;
  try {
    client = await pool.connect();
    return (await client.query('SELECT 1')).rows;
  } finally {
    client && client.release();
  }
}

module.exports = { guarded };
