import { createPool } from 'generic-pool';
import { Client } from 'pg';

export const pool = createPool(
  {
    create: async () => {
      const client = new Client();
      await client.connect();
      return client;
    },
    destroy: (client) => client.end(),
  },
  { max: 5 },
);
