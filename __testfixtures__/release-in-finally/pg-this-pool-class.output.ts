import type { Pool } from 'pg';

export class UserRepository {
  constructor(private readonly pool: Pool) {}

  async rename(id: number, name: string) {
    const client = await this.pool.connect();
    try {
      await client.query('UPDATE users SET name = $1 WHERE id = $2', [name, id]);
    } finally {
      client.release();
    }
  }
}
