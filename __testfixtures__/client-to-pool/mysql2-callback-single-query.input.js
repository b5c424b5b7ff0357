const mysql = require('mysql2');

// One query on a callback connection of its own: it moves to the project's
// callback pool, and both end() calls go.
function item(id, cb) {
  const conn = mysql.createConnection({ host: 'localhost' });
  conn.connect();
  conn.query('SELECT * FROM items WHERE id = ?', [id], (err, rows) => {
    conn.end();
    cb(err, rows && rows[0]);
  });
}

module.exports = { item };
