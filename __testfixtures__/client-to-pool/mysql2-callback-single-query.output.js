const { pool } = require('./mysql-callback-db');

// One query on a callback connection of its own: it moves to the project's
// callback pool, and both end() calls go.
function item(id, cb) {
  pool.query('SELECT * FROM items WHERE id = ?', [id], (err, rows) => {
    cb(err, rows && rows[0]);
  });
}

module.exports = { item };
