const { Pool } = require('pg')

const pool = new Pool({
  host: process.env.PGHOST,
  max: 50 // "plenty"
})

module.exports = pool
