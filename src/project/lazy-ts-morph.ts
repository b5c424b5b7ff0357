/**
 * ts-morph, and the TypeScript compiler it carries, take about 200 ms to
 * load: more than a whole small run. They are loaded on first use, so only a
 * run that reads a tsconfig, checks types for split-io or verifies output
 * pays for them (a worker thread too, each one).
 */
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

let loaded: typeof TsMorph | undefined;

export function tsMorph(): typeof TsMorph {
  loaded ??= createRequire(__filename)('ts-morph') as typeof TsMorph;
  return loaded;
}
