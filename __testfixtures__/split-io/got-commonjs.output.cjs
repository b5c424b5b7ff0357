const got = require('got');
const { Pool } = require('pg');

const pool = new Pool();

exports.geocode = async function geocode(id) {
  const { rows } = await pool.query('SELECT address FROM shops WHERE id = $1', [id]);
  const place = await got('https://geo.example.com', { searchParams: { q: rows[0].address } }).json();
  await pool.query('UPDATE shops SET lat = $1, lng = $2 WHERE id = $3', [place.lat, place.lng, id]);
  return place;
};
