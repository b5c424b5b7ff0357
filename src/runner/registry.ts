/** The list of transforms is data: adding one means adding a line here. */
import * as clientToPool from '../../transforms/client-to-pool';
import * as releaseInFinally from '../../transforms/release-in-finally';
import * as splitIo from '../../transforms/split-io';
import type { RewriteResult, TransformMeta, TransformOptions } from './types';
import type { Collection, JSCodeshift } from 'jscodeshift';

export interface TransformModule {
  meta: TransformMeta;
  rewrite(j: JSCodeshift, root: Collection, source: string, path: string, options?: TransformOptions): RewriteResult;
}

/** In anti-pattern order; `all` runs them in this order on one parse. */
export const TRANSFORMS: TransformModule[] = [clientToPool, releaseInFinally, splitIo];

/** Resolve `all` or a comma-separated list of ids; throws a usage error naming unknown ids. */
export function selectTransforms(spec: string | string[]): TransformModule[] {
  const ids = Array.isArray(spec) ? spec : spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 1 && ids[0] === 'all') return TRANSFORMS;
  const unknown = ids.filter((id) => !TRANSFORMS.some((t) => t.meta.id === id));
  if (unknown.length > 0 || ids.length === 0) {
    throw new UsageError(`unknown transform ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}; known: all, ${TRANSFORMS.map((t) => t.meta.id).join(', ')}`);
  }
  return TRANSFORMS.filter((t) => ids.includes(t.meta.id));
}

export class UsageError extends Error {}
