import type { Pool } from 'pg';

export class Webhooks {
  constructor(private readonly pool: Pool) {}

  async deliver(id: number) {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query('SELECT url, payload FROM webhooks WHERE id = $1', [id]);
      await fetch(rows[0].url, { method: 'POST', body: rows[0].payload });
      await client.query('UPDATE webhooks SET delivered_at = now() WHERE id = $1', [id]);
    } finally {
      client.release();
    }
  }
}
