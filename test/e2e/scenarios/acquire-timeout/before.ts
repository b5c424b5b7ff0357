// A service's pool as most tutorials write it: a size, and no acquire timeout
// (pg's connectionTimeoutMillis defaults to 0, wait forever).
import { Pool } from 'pg';

export const pool = new Pool({
  max: 2,
  application_name: 'pool-codemod-e2e-acquire',
});
