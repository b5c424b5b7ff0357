const { Pool } = require('pg')

const pool = new Pool({
  host: process.env.PGHOST,
  database: 'jobs'
})

module.exports = pool
