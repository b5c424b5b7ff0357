const { Pool } = require('pg');
const axios = require('axios');

const pool = new Pool();

async function reserve(seatId) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM seats WHERE id = $1 FOR UPDATE', [seatId]);
    await axios.post('https://tickets.example.com/hold', rows[0]);
    return rows[0];
  } finally {
    client.release();
  }
}

module.exports = { reserve };
