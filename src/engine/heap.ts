/**
 * A bound on the heap between files. Each file's syntax tree and paths live
 * through many young-generation collections, so V8 promotes them, and they
 * are garbage the moment the file is done; V8 grows the old generation
 * lazily, and on the 10,000-file bench it let the heap reach 750 MiB with
 * 30-40 MiB live, or stay under 300 MiB, from one identical run to the next.
 * A full collection once the heap passes the bound keeps a run's memory to
 * what the files in flight need (one, in this thread).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Heap in use after a file above which the garbage is collected before the next. */
const BOUND = 256 * 1024 * 1024;

let collect: (() => void) | undefined;

function collector(): () => void {
  if (!collect) {
    // V8's own full collection, reached without starting node with --expose-gc (npx and shims pass no flags).
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  return collect;
}

/** Call between files: collects the garbage when the heap has grown past the bound. */
export function boundHeap(): void {
  if (v8.getHeapStatistics().used_heap_size > BOUND) collector()();
}
