/**
 * client-to-pool (anti-pattern 1, review question 1).
 *
 * A function that opens its own connection (`new Client()` + `connect()` +
 * `end()`, mysql2's `createConnection()`, or a whole `new Pool()` ended after
 * use) pays a connection handshake per call and opens as many server
 * connections as there are concurrent calls. This rewrites it to use one
 * shared pool: a single statement becomes `pool.query(...)`; several become a
 * checkout released in one place (by the shared release step, in the user's
 * style).
 */
import { defineTransform, languageParts } from '../../src/core/types';
import { jscodeshiftTransform } from '../../src/frontends/js/jscodeshift';
import { detect } from './js/detect';
import { fix } from './js/fix';
import { gate, needs } from './js/gate';
import { meta } from './meta';
import { detect as pyDetect } from './python/detect';
import { fix as pyFix } from './python/fix';
import { gate as pyGate, needs as pyNeeds } from './python/gate';

export { meta };

export const transform = defineTransform({
  meta,
  languages: {
    js: languageParts('js', meta, { detect, needs, gate, fix }),
    python: languageParts('python', meta, { detect: pyDetect, needs: pyNeeds, gate: pyGate, fix: pyFix }),
  },
});

/** Plain `jscodeshift -t transforms/client-to-pool/index.ts` entry point. */
export default jscodeshiftTransform(transform);
