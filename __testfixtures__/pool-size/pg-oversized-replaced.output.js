const { Pool } = require('pg')

const pool = new Pool({
  host: process.env.PGHOST,
  // floor((100 - 10) / 3) = 30: max_connections 100, 10 reserved, 3 instances
  max: 30 // "plenty"
})

module.exports = pool
