import { Pool } from 'pg';

const pool = new Pool();

// This class was written with 4-space indentation...
export class Reports {
    async daily(day: string) {
        const client = await pool.connect();
        try {
            const { rows } = await client.query('SELECT * FROM daily WHERE day = $1', [day]);
            return rows;
        } finally {
            client.release();
        }
    }
}

// ...and this function with 2 spaces: each keeps its own.
export async function weekly(week: number) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM weekly WHERE week = $1', [week]);
    return rows;
  } finally {
    client.release();
  }
}
