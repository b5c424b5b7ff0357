import { Pool } from 'pg';

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
});

export async function monthlyReport(month: string) {
  const client = await pool.connect();
  try {
    await client.query('SET statement_timeout = 5000');
    const { rows } = await client.query('SELECT * FROM sales WHERE month = $1', [month]);
    return rows;
  } finally {
    client.release();
  }
}

export async function yearlyReport(year: number) {
  const client = await pool.connect();
  try {
    await client.query("SET statement_timeout TO '5s'");
    const { rows } = await client.query('SELECT * FROM sales WHERE year = $1', [year]);
    return rows;
  } finally {
    client.release();
  }
}
