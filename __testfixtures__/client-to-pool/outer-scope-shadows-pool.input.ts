import { Client, Pool } from 'pg';

const pool = new Pool();

// Inside makeReader, `pool` is the parameter, not the module's pool: writing
// `pool.query` there would query the wrong pool, so it is left alone.
export function makeReader(pool: { name: string }) {
  return async function read() {
    const client = new Client();
    await client.connect();
    const res = await client.query('SELECT 1 AS one');
    await client.end();
    return [res.rows[0].one, pool.name];
  };
}

export const ping = () => pool.query('SELECT 1');
