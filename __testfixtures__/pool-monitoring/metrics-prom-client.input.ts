import { Pool } from 'pg';

export const pool = new Pool({ max: 10 });

pool.on('error', (err) => console.error('idle client error', err));
