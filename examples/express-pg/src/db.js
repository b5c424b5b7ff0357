import pg from 'pg';

/** The one pool the whole service shares, configured the way most tutorials do it. */
export const pool = new pg.Pool({
  host: process.env.PGHOST ?? 'localhost',
  database: process.env.PGDATABASE ?? 'shop',
  user: process.env.PGUSER ?? 'shop',
  password: process.env.PGPASSWORD,
});
