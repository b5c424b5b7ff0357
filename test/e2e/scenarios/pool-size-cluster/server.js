// A service that forks three cluster workers, each loading the pool module
// and running ten concurrent queries; the primary prints what they met.
const cluster = require('node:cluster');

if (cluster.isPrimary) {
  const results = [];
  for (let i = 0; i < 3; i++) cluster.fork();
  cluster.on('message', (_worker, message) => {
    results.push(message);
    if (results.length === 3) console.log(JSON.stringify(results));
  });
} else {
  const pool = require('./db');
  const calls = Array.from({ length: 10 }, () =>
    pool.query('SELECT pg_sleep(0.4)').then(
      () => 'ok',
      (error) => error.code ?? error.message,
    ),
  );
  Promise.all(calls).then(async (outcomes) => {
    process.send({ refused: outcomes.filter((o) => o === '53300').length, calls: outcomes.length });
    await pool.end();
    process.exit(0);
  });
}
