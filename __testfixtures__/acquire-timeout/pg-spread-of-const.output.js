const pg = require('pg');

const base = { host: 'localhost', user: 'app' };

const pool = new pg.Pool({
  ...base,
  database: 'orders',
  connectionTimeoutMillis: 5000, // fail after 5 s instead of waiting forever for a free connection (pg defaults to 0)
});

module.exports = pool;
