import { Pool } from 'pg';

export const pool = new Pool();

export async function quick() {
  const client = await pool.connect();
  try {
    await client.query('SET statement_timeout = 1000');
    return (await client.query('SELECT 1')).rows;
  } finally {
    client.release();
  }
}

export async function slow() {
  const client = await pool.connect();
  try {
    await client.query('SET statement_timeout = 600000');
    return (await client.query('SELECT pg_sleep(1)')).rows;
  } finally {
    client.release();
  }
}
