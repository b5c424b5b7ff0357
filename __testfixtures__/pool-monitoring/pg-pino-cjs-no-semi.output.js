const { Pool } = require('pg')
const pino = require('pino')

const logger = pino()

const pool = new Pool({ max: 5 })

pool.on('error', (err) => {
  logger.error({ err }, 'unexpected error on an idle database connection')
})

module.exports = { pool, logger }
