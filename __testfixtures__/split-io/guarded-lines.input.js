// A file without semicolons: the statements after the call move out of
// the section with their leading `;`, and a split written on a line the
// statements share ends each statement it writes with `;`.
const { Pool } = require('pg')

const pool = new Pool({ max: 5 })

async function refresh(id) {
  const client = await pool.connect()
  try {
    const [a, b] = await Promise.all([client.query('SELECT 1'), client.query('SELECT 2')])
    const res = await fetch(`https://example.com/${id}`)
    ;[a.seen] = [true]
    return [a.rows, b.rows, res.ok]
  } finally {
    client.release()
  }
}

async function sync(id) {
  const client = await pool.connect()
  try {
    const [a, b] = await Promise.all([client.query('SELECT 1'), client.query('SELECT 2')]); const res = await fetch(`https://example.com/${id}`); await Promise.all([client.query('SELECT 3'), client.query('SELECT 4')])
    return [a.rows, b.rows, res.ok]
  } finally {
    client.release()
  }
}

module.exports = { refresh, sync }
