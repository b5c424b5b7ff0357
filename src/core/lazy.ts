/**
 * A dependency loaded on first use. A run pays for loading each module it
 * imports before it reads its first file, and `fleet` starts one run per
 * repository; a module only some runs need (the TypeScript compiler, a YAML
 * parser for a prettier config, the options validator when an option is
 * given) is loaded by the runs that need it.
 */
import { createRequire } from 'node:module';

export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= createRequire(__filename)(id) as T;
    return loaded;
  };
}
