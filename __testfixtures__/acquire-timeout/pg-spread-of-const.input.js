const pg = require('pg');

const base = { host: 'localhost', user: 'app' };

const pool = new pg.Pool({
  ...base,
  database: 'orders',
});

module.exports = pool;
