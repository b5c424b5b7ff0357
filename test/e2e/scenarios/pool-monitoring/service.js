// A long-running service with the seed's anti-pattern 8: a pool with no
// 'error' listener and nothing exporting its state. The e2e suite runs it as
// written and as pool-codemod pool-monitoring rewrites it (with and without
// --metrics prom-client), against a real PostgreSQL server.
const http = require('http');
const { Pool } = require('pg');

const pool = new Pool({ max: 3, application_name: process.env.E2E_APP_NAME });

// GET /?sleep=ms runs one query that holds its connection that long; GET /metrics is Prometheus' scrape.
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/metrics') {
    const { register } = require('prom-client');
    res.end(await register.metrics());
    return;
  }
  try {
    const sleep = Number(url.searchParams.get('sleep') || 0) / 1000;
    const { rows } = await pool.query('SELECT pg_sleep($1) AS slept, 1 AS ok', [sleep]);
    res.end(String(rows[0].ok));
  } catch (err) {
    res.statusCode = 500;
    res.end(err.message);
  }
});

server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
