// The author released before starting other work: the try ends at the release, and the work stays after it
import pg from "pg"
import { sendEmail } from "./mail.mjs"

const pool = new pg.Pool()

export async function signup(req, res) {
  const client = await pool.connect()
  let rows
  try {
    ;({ rows } = await client.query("INSERT INTO users (email) VALUES ($1) RETURNING id", [req.body.email]))
  } finally {
    client.release()
  }
  sendEmail(req.body.email, "welcome")
  res.json(rows[0])
}

// Express middleware: next() starts the next handler, which may check out its own connection
export async function auth(req, res, next) {
  const client = await pool.connect()
  let rows
  try {
    ;({ rows } = await client.query("SELECT * FROM sessions WHERE id = $1", [req.cookies.sid]))
  } finally {
    client.release()
  }
  req.user = rows[0]
  next()
}

// A send per row, started at once
export async function broadcast(bot) {
  const client = await pool.connect()
  let rows
  try {
    ;({ rows } = await client.query("SELECT chat_id FROM subscribers"))
  } finally {
    client.release()
  }
  rows.forEach((r) => bot.telegram.sendMessage(r.chat_id, "hello"))
  return rows.length
}

// More checkouts from the same pool, not awaited
export async function fanOut(ids) {
  const client = await pool.connect()
  let rows
  try {
    ;({ rows } = await client.query("SELECT 1"))
  } finally {
    client.release()
  }
  for (const id of ids) pool.query("UPDATE t SET seen = true WHERE id = $1", [id])
  return rows
}

// Only a response and a value after the release: the try covers them, as before
export async function simple(res) {
  const client = await pool.connect()
  try {
    const { rows } = await client.query("SELECT 1")
    res.json(rows)
    return rows
  } finally {
    client.release()
  }
}
