// A file without semicolons: the statements after the call move out of
// the section with their leading `;`, and a split written on a line the
// statements share ends each statement it writes with `;`.
const { Pool } = require('pg')

const pool = new Pool({ max: 5 })

async function refresh(id) {
  let a, b
  const client = await pool.connect()
  try {
    ;[a, b] = await Promise.all([client.query('SELECT 1'), client.query('SELECT 2')])
  } finally {
    client.release()
  }
  const res = await fetch(`https://example.com/${id}`)
  ;[a.seen] = [true]
  return [a.rows, b.rows, res.ok]
}

async function sync(id) {
  let a, b
  const client = await pool.connect()
  try {
    ;[a, b] = await Promise.all([client.query('SELECT 1'), client.query('SELECT 2')]); } finally { client.release() } const res = await fetch(`https://example.com/${id}`); const client2 = await pool.connect(); try { await Promise.all([client2.query('SELECT 3'), client2.query('SELECT 4')])
    return [a.rows, b.rows, res.ok]
  } finally {
    client2.release()
  }
}

module.exports = { refresh, sync }
