const { Pool } = require('pg');

const pool = new Pool();

async function copyName(from, to) {
  const a = await pool.connect();
  const { rows } = await a.query('SELECT name FROM users WHERE id = $1', [from]);
  a.release();
  const b = await pool.connect();
  await b.query('UPDATE users SET name = $1 WHERE id = $2', [rows[0].name, to]);
  b.release();
}

module.exports = { copyName };
