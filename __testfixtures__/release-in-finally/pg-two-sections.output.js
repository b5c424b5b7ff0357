const { Pool } = require('pg');

const pool = new Pool();

async function copyName(from, to) {
  const a = await pool.connect();
  let rows;
  try {
    ({ rows } = await a.query('SELECT name FROM users WHERE id = $1', [from]));
  } finally {
    a.release();
  }
  const b = await pool.connect();
  try {
    await b.query('UPDATE users SET name = $1 WHERE id = $2', [rows[0].name, to]);
  } finally {
    b.release();
  }
}

module.exports = { copyName };
