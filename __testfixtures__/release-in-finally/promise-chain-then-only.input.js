const { Pool } = require('pg');

const pool = new Pool();

function count() {
  return pool.connect().then((client) =>
    client.query('SELECT count(*) FROM users').then((res) => {
      client.release();
      return res.rows[0].count;
    }),
  );
}

module.exports = { count };
