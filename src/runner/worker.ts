/** Worker-thread entry: transforms a batch of files and returns their outcomes. */
import fs from 'node:fs';
import { transformSource, type FileOutcome } from './transform-file';
import type { TransformOptions } from './types';

export interface Batch {
  files: { path: string; options: TransformOptions }[];
  transformIds: string[] | 'all';
}

export function processFile(file: string, transformIds: string[] | 'all', options: TransformOptions): FileOutcome {
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { path: file, before: null, after: '', changed: false, findings: [], helpers: [], error: `cannot read: ${(error as Error).message}` };
  }
  try {
    return transformSource(file, source, transformIds, options);
  } catch (error) {
    return { path: file, before: source, after: source, changed: false, findings: [], helpers: [], error: `crashed: ${(error as Error).stack ?? error}` };
  }
}

export default function processBatch(batch: Batch): FileOutcome[] {
  return batch.files.map((f) => processFile(f.path, batch.transformIds, f.options));
}
