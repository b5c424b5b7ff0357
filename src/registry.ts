/**
 * The lists of transforms and of language front ends are data: adding one
 * means adding a line here (and its folder). `all` runs the transforms in
 * this order, on one parse per pass; an order a transform's meta asks for
 * (`runsAfter`) is checked when this module loads.
 */
import { UsageError } from './core/errors';
import type { AnyFrontEnd } from './core/frontend';
import type { Transform } from './core/types';
import { JS_FRONT_END } from './frontends/js/front-end';
import { PY_FRONT_END } from './frontends/python/front-end';
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

export const FRONT_ENDS: readonly AnyFrontEnd[] = [JS_FRONT_END, PY_FRONT_END];

/** Every `runsAfter` names a transform that comes earlier in the list. */
function checkOrder(transforms: readonly Transform[]): void {
  transforms.forEach((t, index) => {
    for (const before of t.meta.runsAfter ?? []) {
      const at = transforms.findIndex((o) => o.meta.id === before);
      if (at < 0 || at > index)
        throw new Error(`transform ${t.meta.id} runs after ${before}, which must come before it in the registry`);
    }
  });
}

checkOrder(TRANSFORMS);

/** Load what the front ends of these files need (a grammar), once per thread. */
export async function initFrontEnds(files: readonly string[]): Promise<void> {
  const needed = new Set(files.map(frontEndFor));
  for (const frontEnd of FRONT_ENDS) if (needed.has(frontEnd)) await frontEnd.init?.();
}

/** The front end that reads `file` (by its extension), if any. */
export function frontEndFor(file: string): AnyFrontEnd | undefined {
  return FRONT_ENDS.find((f) => f.extensions.some((e) => file.endsWith(e)) && f.isSource(file));
}

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
