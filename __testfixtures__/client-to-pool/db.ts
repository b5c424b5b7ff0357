// The shared pool the client-to-pool fixtures import (as a project would have it).
import { Pool } from 'pg';

export const pool = new Pool();
