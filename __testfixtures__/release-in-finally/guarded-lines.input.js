// Lines guarded with a leading `;` (a file without semicolons) move with
// their guard: the first statement the checkout holds opens with one, and
// so does the statement after the release.
const { Pool } = require('pg')

const pool = new Pool({ max: 5 })

async function report(ids) {
  const client = await pool.connect()
  ;[ids[0]] = ids
  const { rows } = await client.query('SELECT * FROM t WHERE id = $1', [ids[0]])
  client.release()
  ;(await fetch('https://example.com/hook')).ok
  return rows
}

// On a line the statements share, every statement the fix writes ends with `;`.
async function count() {
  const client = await pool.connect(); const { rows } = await client.query('SELECT count(*) FROM t'); client.release()
  await fetch('https://example.com/hook')
  return rows
}

module.exports = { report, count }
