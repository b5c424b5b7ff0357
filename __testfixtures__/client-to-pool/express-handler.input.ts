import express from 'express';
import { Client } from 'pg';

export const router = express.Router();

router.get('/users/:id', async (req, res, next) => {
  try {
    const client = new Client();
    await client.connect();
    const { rows } = await client.query('SELECT id, name FROM users WHERE id = $1', [req.params.id]);
    await client.end();
    if (rows.length === 0) return res.status(404).end();
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});
