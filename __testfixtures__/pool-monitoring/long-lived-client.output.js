const { Client } = require('pg');

// One connection for LISTEN/NOTIFY, kept for the life of the process.
const listener = new Client({ connectionString: process.env.DATABASE_URL });

listener.on('error', (err) => {
  console.error('unexpected error on an idle database connection', err);
});
listener.connect();
listener.query('LISTEN jobs');

module.exports = listener;
