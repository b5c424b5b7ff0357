/**
 * release-in-finally (seed anti-pattern 2, review question 2).
 *
 * `const c = await pool.connect(); ...; c.release()` leaks `c` whenever
 * something between acquire and release throws. This moves the release into
 * one `finally` (or a scoped helper, or `await using`), removing every
 * scattered release, and only where the analysis shows nothing else changes.
 */
import { defineTransform } from '../../src/core/types';
import { jscodeshiftTransform } from '../../src/engine/jscodeshift';
import { detect } from './detect';
import { fix } from './fix';
import { gate } from './gate';
import { meta } from './meta';

export { meta };

export const transform = defineTransform({ meta, detect, gate, fix });

/** Plain `jscodeshift -t transforms/release-in-finally/index.ts` entry point. */
export default jscodeshiftTransform(transform);
