const { Pool } = require('pg');

const pool = new Pool();

async function probe() {
  const client = await pool.connect();
  let failure;
  try {
    await client.query('SELECT 1');
  } catch (e) {
    failure = true;
    throw e;
  } finally {
    client.release(failure);
  }
}

module.exports = { probe };
