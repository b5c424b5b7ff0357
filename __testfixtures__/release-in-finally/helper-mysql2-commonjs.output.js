const mysql = require('mysql2/promise');
const { withConnection } = require('./lib/db-helpers');

const pool = mysql.createPool({ host: 'localhost' });

async function touch(id) {
  await withConnection(pool, async (conn) => {
    await conn.query('UPDATE users SET seen = NOW() WHERE id = ?', [id]);
  });
}

module.exports = { touch };
