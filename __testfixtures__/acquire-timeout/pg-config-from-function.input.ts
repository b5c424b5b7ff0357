import { Pool } from 'pg';
import { settings } from './settings';

export const pool = new Pool(settings.database());
