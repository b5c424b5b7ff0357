import { Pool, type PoolConfig } from 'pg';

const config: PoolConfig = {
	host: process.env.DB_HOST,
	port: Number(process.env.DB_PORT ?? 5432),
	user: 'app',
	connectionTimeoutMillis: 5000, // fail after 5 s instead of waiting forever for a free connection (pg defaults to 0)
};

export const db = new Pool(config);
