import { Pool } from 'pg';

export const pool = new Pool({ statement_timeout: 0 });
