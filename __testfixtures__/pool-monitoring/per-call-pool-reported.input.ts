import { Pool } from 'pg';

export class Repository {
  private pool = new Pool();

  async count(): Promise<number> {
    return (await this.pool.query('SELECT count(*) FROM items')).rows[0].count;
  }
}
