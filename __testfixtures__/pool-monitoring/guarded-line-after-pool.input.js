// A file without semicolons guards a line that starts with `(` with a
// leading `;`. The parser ends the pool's statement at that `;`, but it
// belongs to the line it opens: the listener goes before that line, and the
// immediately invoked function stays a statement of its own.
const { Pool } = require('pg')

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 })

;(async function main() {
  const { rows } = await pool.query('SELECT 1')
  console.log(rows)
})()
