const mysql = require("mysql2/promise")

const pool = mysql.createPool({
	host: process.env.MYSQL_HOST,
	user: "app",
	waitForConnections: true,
})

module.exports = pool
