import { Pool } from 'pg';
import { logger } from './logger';

export const db = new Pool({
	host: process.env.PGHOST,
});
