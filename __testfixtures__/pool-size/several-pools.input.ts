import { Pool } from 'pg';

// Each module made its own pool to the same database.
export const users = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });
