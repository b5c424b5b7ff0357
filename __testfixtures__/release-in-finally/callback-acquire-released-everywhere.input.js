const { Pool } = require('pg');

const pool = new Pool();

// Legacy callback style that does release on every path (into the query
// callback, on both of its branches): proven safe, left alone, no finding.
function userCount(cb) {
  pool.connect((err, client, done) => {
    if (err) return cb(err);
    client.query('SELECT count(*) FROM users', (queryErr, res) => {
      if (queryErr) {
        done(queryErr);
        return cb(queryErr);
      }
      done();
      cb(null, res.rows[0].count);
    });
  });
}

module.exports = { userCount };
