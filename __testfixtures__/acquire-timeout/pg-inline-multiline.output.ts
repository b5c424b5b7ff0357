import { Pool } from 'pg';

// One pool for the service, as most tutorials write it.
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20,
  connectionTimeoutMillis: 5000, // fail after 5 s instead of waiting forever for a free connection (pg defaults to 0)
});
