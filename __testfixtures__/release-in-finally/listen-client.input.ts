import { Pool } from 'pg';

const pool = new Pool();

export async function subscribe(onEvent: (payload?: string) => void) {
  const client = await pool.connect();
  client.on('notification', (msg) => onEvent(msg.payload));
  await client.query('LISTEN events');
}
