import { Pool } from 'pg';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });

pool.on('error', (err: Error) => {
  console.error('unexpected error on an idle database connection', err);
});
