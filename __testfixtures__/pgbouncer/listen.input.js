const { Client } = require('pg');

const subscriber = new Client();

async function start(onJob) {
  await subscriber.connect();
  subscriber.on('notification', (msg) => onJob(msg.payload));
  await subscriber.query('LISTEN jobs');
}

module.exports = { start };
