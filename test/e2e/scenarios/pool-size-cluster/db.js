// The pool every worker loads: the library's default size.
const { Pool } = require('pg');

const pool = new Pool({
  user: 'pool_codemod_e2e_size',
  password: 'pool-codemod-e2e',
  application_name: 'pool-codemod-e2e-size',
  connectionTimeoutMillis: 10000,
});

module.exports = pool;
