import { Pool } from 'pg';

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  statement_timeout: 30000,
  idle_in_transaction_session_timeout: 60000,
  application_name: 'api',
});
