const mysql = require('mysql2');

// Two queries chained through callbacks: reported, not rewritten.
function move(id, cb) {
  const conn = mysql.createConnection({ host: 'localhost' });
  conn.query('DELETE FROM cart WHERE id = ?', [id], (err) => {
    if (err) return cb(err);
    conn.query('INSERT INTO wishlist (item) VALUES (?)', [id], (err2) => {
      conn.end();
      cb(err2);
    });
  });
}

module.exports = { move };
