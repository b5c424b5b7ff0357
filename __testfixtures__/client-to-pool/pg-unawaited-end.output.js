const { pool } = require('./db');

async function tags() {
  const res = await pool.query('SELECT name FROM tags ORDER BY name');
  return res.rows.map((r) => r.name);
}

module.exports = { tags };
