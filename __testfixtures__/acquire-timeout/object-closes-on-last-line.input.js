const { Pool } = require('pg');

const pool = new Pool({
  host: process.env.PGHOST,
  max: 10});

module.exports = pool;
