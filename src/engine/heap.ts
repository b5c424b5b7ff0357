/**
 * A bound on the heap between files. Each file's syntax tree and paths live
 * through many young-generation collections, so V8 promotes them, and they
 * are garbage the moment the file is done; V8 grows the old generation
 * lazily, and on the 10,000-file bench it let the heap reach 750 MiB with
 * 30-40 MiB live, or stay under 300 MiB, from one identical run to the next.
 * A full collection once the heap passes the bound keeps a run's memory to
 * what the files in flight need (one, in this thread).
 *
 * The bound is a floor plus what survived the last collection: a run whose
 * live set is large (a type checker loaded for typed I/O) is not collected
 * after every file, and one whose live set is small stays small. Each full
 * collection is a pause: a fixed bound of 128 MiB collected 16 times on the
 * 10,000-file library bench and ran slower; 192 MiB collected twice.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const MiB = 1024 * 1024;
/** The bound when little survives a collection. */
export const FLOOR = 192 * MiB;
/** Garbage allowed above what survived the last collection. */
const HEADROOM = 128 * MiB;

let bound = FLOOR;
let collect: (() => void) | undefined;

function collector(): () => void {
  if (!collect) {
    // V8's own full collection, reached without starting node with --expose-gc (npx and shims pass no flags).
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  return collect;
}

const used = () => v8.getHeapStatistics().used_heap_size;

/** Call between files: collects the garbage when the heap has grown past the bound. */
export function boundHeap(): void {
  if (used() <= bound) return;
  collector()();
  bound = Math.max(FLOOR, used() + HEADROOM);
}
