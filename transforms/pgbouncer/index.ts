/**
 * pgbouncer (anti-pattern 6, review question 5).
 *
 * PgBouncer in transaction mode is the standard answer to too many
 * connections, and it silently breaks code that relies on its session. This
 * reports, before the switch, what would break and what to do instead, and
 * makes the one rewrite that is always safe (SET inside a transaction ->
 * SET LOCAL). `pool-codemod pgbouncer-config` writes the sized config.
 */
import { defineTransform, languageParts } from '../../src/core/types';
import { jscodeshiftTransform } from '../../src/frontends/js/jscodeshift';
import { detect } from './js/detect';
import { fix } from './js/fix';
import { gate } from './js/gate';
import { meta } from './meta';
import { detect as pyDetect } from './python/detect';
import { fix as pyFix } from './python/fix';
import { gate as pyGate } from './python/gate';

export { meta };

export const transform = defineTransform({
  meta,
  languages: {
    js: languageParts('js', meta, { detect, gate, fix }),
    python: languageParts('python', meta, { detect: pyDetect, gate: pyGate, fix: pyFix }),
  },
});

export default jscodeshiftTransform(transform);
