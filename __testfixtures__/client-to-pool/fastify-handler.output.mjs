import { pool } from './db.mjs';

export default async function routes(fastify) {
  fastify.get('/health', async () => {
    await pool.query('SELECT 1');
    return { ok: true };
  });
}
