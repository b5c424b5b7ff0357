import { createPool } from 'generic-pool';

const pool = createPool({ create: async () => ({ query: async (q: string) => q }), destroy: async () => {} }, { max: 4 });

export async function run(q: string) {
  const resource = await pool.acquire();
  try {
    const result = await resource.query(q);
    return result;
  } finally {
    pool.release(resource);
  }
}
