// A repository layer written with a blank line between each step: the
// rewrite leaves no blank line at the top of the try, and none doubled (or
// before a closing brace) where the release was.
const { pool } = require('./db')

async function getUsers() {
  const client = await pool.connect()

  try {
    const { rows } = await client.query('SELECT * FROM users')

    return rows
  } finally {
    client.release()
  }
}

async function touch(id) {
  const client = await pool.connect()

  try {
    await client.query('UPDATE users SET seen = now() WHERE id = $1', [id])
  } finally {
    client.release()
  }
}

module.exports = { getUsers, touch }
