const { Pool } = require('pg')

const pool = new Pool({
  host: process.env.PGHOST,
  database: 'jobs',
  statement_timeout: 30000, // the server cancels statements running longer than 30 s
  idle_in_transaction_session_timeout: 60000 // the server ends sessions left idle inside a transaction
})

module.exports = pool
