import { Pool } from 'pg';

// The timeouts are statement-timeout's to report behind PgBouncer (it writes them only where PgBouncer is not known to
// be in front); `options` is this transform's.
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  statement_timeout: 30000,
  idle_in_transaction_session_timeout: 60000,
  application_name: 'api',
  options: '-c search_path=api',
});
