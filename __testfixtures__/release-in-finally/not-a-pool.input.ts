import net from 'node:net';

export async function dial(socket: { connect(): Promise<void>; release(): void }) {
  const conn = await socket.connect();
  return conn;
}
