const { Pool } = require('pg');

const pool = new Pool({ statement_timeout: 30000 });

async function archive(id) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL statement_timeout = 120000');
    await client.query('INSERT INTO archive SELECT * FROM orders WHERE id = $1', [id]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

module.exports = { archive };
