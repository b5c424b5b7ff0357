import { Pool } from 'pg';
import { monitorPool } from './pool-metrics';

export const pool = new Pool({ max: 10 });

monitorPool(pool, 'metrics-prom-client.input.pool');

pool.on('error', (err) => console.error('idle client error', err));
