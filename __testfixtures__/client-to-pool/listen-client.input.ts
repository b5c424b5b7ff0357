import { Client } from 'pg';

export async function follow(onEvent: (payload?: string) => void) {
  const client = new Client();
  await client.connect();
  client.on('notification', (msg) => onEvent(msg.payload));
  await client.query('LISTEN events');
}
