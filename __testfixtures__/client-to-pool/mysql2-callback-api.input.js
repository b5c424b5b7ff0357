const mysql = require('mysql2');

function item(id, cb) {
  const conn = mysql.createConnection({ host: 'localhost' });
  conn.query('SELECT * FROM items WHERE id = ?', [id], (err, rows) => {
    conn.end();
    cb(err, rows && rows[0]);
  });
}

module.exports = { item };
