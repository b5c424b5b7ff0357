import { Pool, type PoolConfig } from 'pg';

const config: PoolConfig = {
	host: process.env.DB_HOST,
	port: Number(process.env.DB_PORT ?? 5432),
	user: 'app',
};

export const db = new Pool(config);
