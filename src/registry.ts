/**
 * The list of transforms is data: adding one means adding a line here (and
 * its folder). `all` runs them in this order, on one parse per pass.
 */
import { UsageError } from './core/errors';
import type { Transform } from './core/types';
import { transform as acquireTimeout } from '../transforms/acquire-timeout';
import { transform as clientToPool } from '../transforms/client-to-pool';
import { transform as pgbouncer } from '../transforms/pgbouncer';
import { transform as poolMonitoring } from '../transforms/pool-monitoring';
import { transform as poolSize } from '../transforms/pool-size';
import { transform as releaseInFinally } from '../transforms/release-in-finally';
import { transform as splitIo } from '../transforms/split-io';
import { transform as statementTimeout } from '../transforms/statement-timeout';

/** The code transforms first (how pools are used), then the configuration ones (how pools are set up). */
export const TRANSFORMS: readonly Transform[] = [
  clientToPool,
  releaseInFinally,
  splitIo,
  poolSize,
  acquireTimeout,
  statementTimeout,
  pgbouncer,
  poolMonitoring,
];

/** Resolve `all` or a comma-separated list of ids; throws a usage error naming unknown ids. */
export function selectTransforms(spec: string | readonly string[]): Transform[] {
  const ids = (typeof spec === 'string' ? spec.split(',') : [...spec]).map((s) => s.trim()).filter(Boolean);
  if (ids.length === 1 && ids[0] === 'all') return [...TRANSFORMS];
  const unknown = ids.filter((id) => !TRANSFORMS.some((t) => t.meta.id === id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new UsageError(
      `unknown transform ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}; known: all, ${TRANSFORMS.map((t) => t.meta.id).join(', ')}`,
    );
  }
  return TRANSFORMS.filter((t) => ids.includes(t.meta.id));
}
