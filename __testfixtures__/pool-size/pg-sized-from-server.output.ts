import { Pool } from 'pg';

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  idleTimeoutMillis: 30000,
  max: 24, // floor((100 - 3) / 4) = 24: max_connections 100, 3 reserved, 4 instances
});
