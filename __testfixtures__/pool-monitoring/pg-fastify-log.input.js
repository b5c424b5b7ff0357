const fastify = require('fastify')({ logger: true });
const { Pool } = require('pg');

const pool = new Pool();

fastify.get('/health', async () => (await pool.query('SELECT 1')).rows);

module.exports = fastify;
