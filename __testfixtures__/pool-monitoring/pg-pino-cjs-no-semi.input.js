const { Pool } = require('pg')
const pino = require('pino')

const logger = pino()

const pool = new Pool({ max: 5 })

module.exports = { pool, logger }
