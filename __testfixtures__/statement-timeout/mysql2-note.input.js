const mysql = require("mysql2/promise");

const pool = mysql.createPool({ host: "db", user: "app" });

module.exports = pool;
