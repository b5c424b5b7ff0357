import express from 'express';
import { pool } from '../db.js';

export const usersRouter = express.Router();

/** Leaks the client whenever the query throws (bad id, server restart). */
export async function countUsers() {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT count(*)::int AS n FROM users');
  client.release();
  return rows[0].n;
}

/** Releases on both paths by hand; any throw in between leaks. */
export async function findUser(id) {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT id, name, email FROM users WHERE id = $1', [id]);
  if (rows.length === 0) {
    client.release();
    return null;
  }
  client.release();
  return rows[0];
}

/** A release in each branch. */
export async function setActive(id, active) {
  const client = await pool.connect();
  if (active) {
    await client.query('UPDATE users SET active = true, activated_at = now() WHERE id = $1', [id]);
    client.release();
  } else {
    await client.query('UPDATE users SET active = false WHERE id = $1', [id]);
    client.release();
  }
}

usersRouter.get('/count', async (req, res, next) => {
  try {
    res.json({ count: await countUsers() });
  } catch (err) {
    next(err);
  }
});

// The acquire sits inside the handler's try, so its catch cannot release it.
usersRouter.get('/:id', async (req, res, next) => {
  try {
    const client = await pool.connect();
    const { rows } = await client.query('SELECT id, name FROM users WHERE id = $1', [req.params.id]);
    client.release();
    if (rows.length === 0) return res.status(404).end();
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

// Hands the client to later middleware: ownership escapes (reported, not rewritten).
usersRouter.use('/admin', async (req, res, next) => {
  const client = await pool.connect();
  res.locals.client = client;
  res.on('finish', () => client.release());
  next();
});

usersRouter.post('/:id/active', async (req, res, next) => {
  try {
    await setActive(req.params.id, req.body.active === true);
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});
