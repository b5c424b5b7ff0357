import { pool } from './db.js';

export async function attachClient(req, res, next) {
  const client = await pool.connect();
  res.locals.client = client;
  res.on('finish', () => client.release());
  next();
}
