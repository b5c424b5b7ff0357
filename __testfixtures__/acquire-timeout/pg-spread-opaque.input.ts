import { Pool } from 'pg';
import { loadDbConfig } from './config';

export const pool = new Pool({ ...loadDbConfig(), application_name: 'api' });
