import express from 'express';
import { pool } from '../db.js';

export const ordersRouter = express.Router();

/** A transaction that releases in try and catch: leaks if ROLLBACK itself fails. */
export async function placeOrder(userId, items) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('INSERT INTO orders (user_id) VALUES ($1) RETURNING id', [userId]);
    for (const item of items) {
      await client.query('INSERT INTO order_items (order_id, sku, qty) VALUES ($1, $2, $3)', [rows[0].id, item.sku, item.qty]);
    }
    await client.query('COMMIT');
    client.release();
    return rows[0].id;
  } catch (err) {
    await client.query('ROLLBACK');
    client.release();
    throw err;
  }
}

/** On failure the connection may be broken: release(err) destroys it instead of pooling it. */
export async function cancelOrder(orderId) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('DELETE FROM order_items WHERE order_id = $1', [orderId]);
    await client.query('DELETE FROM orders WHERE id = $1', [orderId]);
    await client.query('COMMIT');
    client.release();
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    client.release(err);
    throw err;
  }
}

/** Legacy callback style; the error branch returns without done() and leaks (reported). */
export function orderCount(callback) {
  pool.connect((err, client, done) => {
    if (err) return callback(err);
    client.query('SELECT count(*)::int AS n FROM orders', (queryErr, result) => {
      if (queryErr) return callback(queryErr);
      done();
      callback(null, result.rows[0].n);
    });
  });
}

/** Fire-and-forget audit: the release can run while the insert is still in flight (reported). */
export async function touchOrder(orderId) {
  const client = await pool.connect();
  client.query('UPDATE orders SET touched_at = now() WHERE id = $1', [orderId]);
  client.release();
}

ordersRouter.post('/', async (req, res, next) => {
  try {
    res.status(201).json({ id: await placeOrder(req.body.userId, req.body.items) });
  } catch (err) {
    next(err);
  }
});

ordersRouter.delete('/:id', async (req, res, next) => {
  try {
    await cancelOrder(req.params.id);
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});
