const mysql = require('mysql2/promise');

const pool = mysql.createPool({ host: 'db' });

module.exports = pool;
