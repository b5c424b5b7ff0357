import { createPool } from 'generic-pool';

export const pool = createPool({ create: async () => ({}), destroy: async () => {} }, { acquireTimeoutMillis: 5000 });
