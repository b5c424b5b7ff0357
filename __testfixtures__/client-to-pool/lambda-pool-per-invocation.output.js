const { pool } = require('./db');

// A serverless handler that builds and ends a pool per invocation: hoisting
// the pool but keeping the end() would break the next warm invocation.
exports.handler = async (event) => {
  const res = await pool.query('SELECT * FROM items WHERE id = $1', [event.id]);
  return { statusCode: 200, body: JSON.stringify(res.rows[0]) };
};
