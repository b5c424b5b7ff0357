import pg from 'pg';

export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, query_timeout: 10000, statement_timeout: 30000 });
