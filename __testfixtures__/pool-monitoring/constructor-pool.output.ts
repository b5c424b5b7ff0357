import { Pool } from 'pg';

export class Database {
  readonly pool: Pool;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString });

    this.pool.on('error', (err: Error) => {
      console.error('unexpected error on an idle database connection', err);
    });
  }
}
