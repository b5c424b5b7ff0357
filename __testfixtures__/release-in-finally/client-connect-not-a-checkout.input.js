const { Client } = require('pg');
const oracledb = require('oracledb');

async function rawClient(config) {
  const connection = new Client(config);
  return connection.connect().then(() => connection);
}

async function oracle(config) {
  const conn = await oracledb.getConnection(config);
  await conn.execute('SELECT 1 FROM dual');
  return conn;
}

module.exports = { rawClient, oracle };
