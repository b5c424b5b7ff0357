const { Pool } = require('pg');

const pool = new Pool();

// The lookup needs nothing from the connection: it runs before the checkout.
async function locate(shopId, address) {
  const query = new URLSearchParams({ q: address });
  const res = await fetch(`https://geo.example.com/?${query}`);
  const place = await res.json();
  const client = await pool.connect();
  try {
    await Promise.all([
      client.query('UPDATE shops SET lat = $1 WHERE id = $2', [place.lat, shopId]),
      client.query('UPDATE shops SET lng = $1 WHERE id = $2', [place.lng, shopId]),
    ]);
  } finally {
    client.release();
  }
}

module.exports = { locate };
