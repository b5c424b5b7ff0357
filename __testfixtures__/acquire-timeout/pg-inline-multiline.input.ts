import { Pool } from 'pg';

// One pool for the service, as most tutorials write it.
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20,
});
