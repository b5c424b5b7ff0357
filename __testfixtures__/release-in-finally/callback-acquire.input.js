const { Pool } = require('pg');

const pool = new Pool();

function legacy(cb) {
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client.query('SELECT 1', (err2, res) => {
      done();
      cb(err2, res);
    });
  });
}

module.exports = { legacy };
