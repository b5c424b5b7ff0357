const { Pool } = require('pg');

const pool = new Pool();

// `await client.release()` is still just a release.
async function lastLogin(userId) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT max(at) AS at FROM logins WHERE user_id = $1', [userId]);
    return rows[0].at;
  } finally {
    client.release();
  }
}

module.exports = { lastLogin };
