import { Pool } from 'pg';

export const pool = new Pool();

pool.on('error', (err) => {
  console.error('pool error', err);
});
