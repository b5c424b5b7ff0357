/**
 * Options more than one transform reads, declared once: two transforms that
 * leave a connection checked out write its release the same way.
 */
import type { OptionSpec } from './options';

export const STYLE_OPTION = {
  type: 'string',
  enum: ['try-finally', 'helper', 'using'],
  default: 'try-finally',
  description:
    'how a checked-out connection is released: try-finally, helper (withClient(pool, async (client) => ...)), or using (await using; mysql2 >= 3.18 only)',
} as const satisfies OptionSpec;

export const HELPER_MODULE_OPTION = {
  type: 'path',
  description:
    'where the scoped helper lives (helper style); default: an existing module that exports it, else beside the module that defines the pool',
} as const satisfies OptionSpec;

export const BEHIND_PGBOUNCER_OPTION = {
  type: 'boolean',
  default: false,
  description:
    "the application reaches PostgreSQL through PgBouncer in transaction mode (also assumed when the project has a pgbouncer.ini, or a connection string names port 6432, Neon's pooled -pooler host or Supabase's pooler on port 6543)",
} as const satisfies OptionSpec;
