import express from 'express';
import { ordersRouter } from './routes/orders.js';
import { usersRouter } from './routes/users.js';
import { reportsRouter } from './services/reports.js';
import { startCleanup } from './jobs/cleanup.js';

const app = express();
app.use(express.json());
app.use('/users', usersRouter);
app.use('/orders', ordersRouter);
app.use('/reports', reportsRouter);

// Prometheus metrics, once prom-client is installed: `pool-codemod run pool-monitoring --metrics prom-client`
// adds it and registers the pool's gauges (total, idle, waiting connections).
app.get('/metrics', async (req, res) => {
  try {
    const { register } = await import('prom-client');
    res.set('Content-Type', register.contentType);
    res.end(await register.metrics());
  } catch {
    res.status(404).send('metrics are not enabled (npm install prom-client)');
  }
});

app.use((err, req, res, _next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

startCleanup();
app.listen(process.env.PORT ?? 3000);
