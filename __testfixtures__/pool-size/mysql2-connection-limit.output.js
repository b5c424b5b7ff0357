const mysql = require("mysql2/promise")

const pool = mysql.createPool({
	host: process.env.MYSQL_HOST,
	user: "app",
	waitForConnections: true,
	connectionLimit: 74, // floor((151 - 3) / 2) = 74: max_connections 151, 3 reserved, 2 instances
})

module.exports = pool
