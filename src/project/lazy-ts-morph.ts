/**
 * ts-morph, and the TypeScript compiler it carries, take about 200 ms to
 * load: more than a whole small run. They are loaded on first use, so only a
 * run that reads a tsconfig, checks types for split-io or verifies output
 * pays for them (a worker thread too, each one).
 */
import type * as TsMorph from 'ts-morph';
import { lazyModule } from '../core/lazy';

export const tsMorph = lazyModule<typeof TsMorph>('ts-morph');
