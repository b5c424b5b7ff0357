const { Client } = require('pg');

// One connection for LISTEN/NOTIFY, kept for the life of the process: a
// listener that only logs would leave it deaf after a restart of the server,
// so none is added; the finding says so.
const listener = new Client({ connectionString: process.env.DATABASE_URL });
listener.connect();
listener.query('LISTEN jobs');

module.exports = listener;
