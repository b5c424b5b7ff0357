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

app.use((err, req, res, _next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

startCleanup();
app.listen(process.env.PORT ?? 3000);
