const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { Pool } = require('pg');

const run = promisify(execFile);
const pool = new Pool();

// A thumbnail job: the image tool runs for seconds while the client waits.
async function thumbnail(id) {
  const { rows } = await pool.query('SELECT path FROM images WHERE id = $1', [id]);
  await run('convert', [rows[0].path, '-resize', '200x200', `${rows[0].path}.thumb.jpg`]);
  await pool.query('UPDATE images SET has_thumb = true WHERE id = $1', [id]);
}

module.exports = { thumbnail };
