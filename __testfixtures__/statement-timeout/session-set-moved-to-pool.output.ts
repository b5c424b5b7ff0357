import { Pool } from 'pg';

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  statement_timeout: 5000, // moved from per-request SET statement_timeout, which leaked to the next borrower
});

export async function monthlyReport(month: string) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM sales WHERE month = $1', [month]);
    return rows;
  } finally {
    client.release();
  }
}

export async function yearlyReport(year: number) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM sales WHERE year = $1', [year]);
    return rows;
  } finally {
    client.release();
  }
}
