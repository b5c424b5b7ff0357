import { Pool } from 'pg';

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 8,
  min: 2, // connections kept open while idle
  idleTimeoutMillis: 60000, // close connections idle for longer than this
});
