import express from 'express';
import { pool } from './db';

export const router = express.Router();

router.get('/users/:id', async (req, res, next) => {
  try {
    const { rows } = await pool.query('SELECT id, name FROM users WHERE id = $1', [req.params.id]);
    if (rows.length === 0) return res.status(404).end();
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});
