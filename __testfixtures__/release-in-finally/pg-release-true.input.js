const { Pool } = require('pg');

const pool = new Pool();

async function probe() {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
    client.release();
  } catch (e) {
    client.release(true);
    throw e;
  }
}

module.exports = { probe };
