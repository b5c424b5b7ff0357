const mysql = require('mysql2');

const pool = mysql.createPool({
  host: process.env.MYSQL_HOST,
  user: 'app',
  connectionLimit: 10,
});

module.exports = pool.promise();
