const fastify = require('fastify')({ logger: true });
const { Pool } = require('pg');

const pool = new Pool();

pool.on('error', (err) => {
  fastify.log.error({ err }, 'unexpected error on an idle database connection');
});

fastify.get('/health', async () => (await pool.query('SELECT 1')).rows);

module.exports = fastify;
