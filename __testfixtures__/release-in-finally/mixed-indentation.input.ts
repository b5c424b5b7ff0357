import { Pool } from 'pg';

const pool = new Pool();

// This class was written with 4-space indentation...
export class Reports {
    async daily(day: string) {
        const client = await pool.connect();
        const { rows } = await client.query('SELECT * FROM daily WHERE day = $1', [day]);
        client.release();
        return rows;
    }
}

// ...and this function with 2 spaces: each keeps its own.
export async function weekly(week: number) {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT * FROM weekly WHERE week = $1', [week]);
  client.release();
  return rows;
}
