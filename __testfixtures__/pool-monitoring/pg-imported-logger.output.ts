import { Pool } from 'pg';
import { logger } from './logger';

export const db = new Pool({
	host: process.env.PGHOST,
});

db.on('error', (err: Error) => {
	logger.error('unexpected error on an idle database connection', err);
});
