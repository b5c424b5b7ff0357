import type { Request, Response, NextFunction } from 'express';
import { pool } from './db';

export async function showUser(req: Request, res: Response, next: NextFunction) {
  try {
    const client = await pool.connect();
    try {
      const { rows } = await client.query('SELECT * FROM users WHERE id = $1', [req.params.id]);
      if (rows.length === 0) return res.status(404).end();
      res.json(rows[0]);
    } finally {
      client.release();
    }
  } catch (err) {
    next(err);
  }
}
