// The shared callback pool the mysql2 callback fixtures import.
const mysql = require('mysql2');

const pool = mysql.createPool({ host: 'localhost' });

module.exports = { pool };
