const { Pool } = require('pg');

const pool = new Pool({
  host: process.env.PGHOST,
  max: 10,
  // fail after 5 s instead of waiting forever for a free connection (pg defaults to 0)
  connectionTimeoutMillis: 5000});

module.exports = pool;
