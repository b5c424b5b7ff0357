const { Pool } = require('pg');

const pool = new Pool();

async function publish(sns, id) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM events WHERE id = $1', [id]);
    await sns.publish({ TopicArn: 'arn:events', Message: JSON.stringify(rows[0]) }).promise();
  } finally {
    client.release();
  }
}

module.exports = { publish };
