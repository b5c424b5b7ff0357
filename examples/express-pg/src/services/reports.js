import express from 'express';
import pg from 'pg';
import { pool } from '../db.js';

export const reportsRouter = express.Router();

/** Already right: released in a finally. Left exactly as it is. */
export async function revenueByDay(days) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query(
      `SELECT date_trunc('day', created_at) AS day, sum(total) AS revenue
         FROM orders
        WHERE created_at > now() - $1::int * interval '1 day'
        GROUP BY 1
        ORDER BY 1`,
      [days],
    );
    return rows;
  } finally {
    client.release();
  }
}

/**
 * Holds a pooled connection while waiting on an external API (anti-pattern 7):
 * the upload can take seconds, and the connection sits idle all that time.
 */
export async function exportDailyReport(day) {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT id, user_id, total FROM orders WHERE created_at::date = $1', [day]);
  const upload = await fetch('https://reports.example.com/upload', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ day, orders: rows }),
  });
  if (!upload.ok) {
    client.release();
    throw new Error(`report upload failed: ${upload.status}`);
  }
  await client.query('INSERT INTO report_exports (day, order_count) VALUES ($1, $2)', [day, rows.length]);
  client.release();
  return rows.length;
}

/** A new connection per request (anti-pattern 1, a later transform's job). */
export async function healthCheck() {
  const client = new pg.Client();
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
  return 'ok';
}

reportsRouter.get('/revenue', async (req, res, next) => {
  try {
    res.json(await revenueByDay(Number(req.query.days ?? 7)));
  } catch (err) {
    next(err);
  }
});

reportsRouter.post('/export/:day', async (req, res, next) => {
  try {
    res.json({ exported: await exportDailyReport(req.params.day) });
  } catch (err) {
    next(err);
  }
});

reportsRouter.get('/health', async (req, res) => {
  res.send(await healthCheck());
});
