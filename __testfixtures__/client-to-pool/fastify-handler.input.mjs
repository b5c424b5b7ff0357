import pg from 'pg';

export default async function routes(fastify) {
  fastify.get('/health', async () => {
    const client = new pg.Client();
    await client.connect();
    await client.query('SELECT 1');
    await client.end();
    return { ok: true };
  });
}
