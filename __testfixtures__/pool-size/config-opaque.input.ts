import { Pool } from 'pg';
import { readConfig } from './config';

export const pool = new Pool(readConfig());
