const { pool } = require('./db')

async function importBatch(rows) {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query("SET work_mem = '256MB'")
    for (const row of rows) await client.query('INSERT INTO staging VALUES ($1)', [row])
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK')
    throw err
  } finally {
    client.release()
  }
}

module.exports = { importBatch }
