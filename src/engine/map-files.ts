/**
 * Running file tasks: in this thread for small runs, in worker threads
 * (piscina) for big ones. Workers get batches sized to the work, so a slow
 * file does not hold back a whole share; a batch that runs past its time
 * limit is stopped and its files are named as timed out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Transform } from '../core/types';
import { type TaskResult, type TaskSettings, betweenFiles, runTask } from './file-task';
import type { Batch } from './worker';

/** Below this many files, starting worker threads costs more than it saves. */
const WORKER_THRESHOLD = 200;

export interface MapOptions {
  /** Worker threads started for the run (`startWorkers`); without them, files run in this thread. */
  workers?: Workers;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Worker threads by default: one per core but one, for the main thread
 * (which finds files, computes the scan and writes). On two cores the bench
 * measured two workers no faster than the main thread alone (1.02x at
 * 10,000 files, for 60% more memory), so two cores run in one thread.
 */
function defaultJobs(): number {
  const cores = os.availableParallelism();
  return cores > 2 ? cores - 1 : 1;
}

/** A run's worker threads: one pool for every round, so each thread loads the parser and transforms once. */
export interface Workers {
  run(batch: Batch, options: { signal: AbortSignal }): Promise<TaskResult[]>;
  readonly threads: number;
  destroy(): Promise<void>;
}

/**
 * Start the run's worker threads, before its files are found, so loading
 * the parser and the transforms in each thread overlaps the walk of the
 * tree. None for one job, or when the build has no worker entry (tests
 * running the TypeScript sources).
 */
export async function startWorkers(jobs: number | undefined): Promise<Workers | undefined> {
  const threads = jobs ?? defaultJobs();
  const workerFile = path.join(__dirname, 'worker.js');
  if (threads <= 1 || !fs.existsSync(workerFile)) return undefined;
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: workerFile, maxThreads: threads, minThreads: threads, idleTimeout: 60_000 });
  return {
    threads,
    run: (batch, options) => pool.run(batch, options) as Promise<TaskResult[]>,
    destroy: () => pool.destroy(),
  };
}

export async function mapFiles(
  paths: readonly string[],
  settings: TaskSettings,
  transforms: readonly Transform[],
  options: MapOptions,
): Promise<TaskResult[]> {
  const workers = options.workers;
  if (!workers || paths.length < WORKER_THRESHOLD) {
    const results: TaskResult[] = [];
    for (const p of paths) {
      results.push(runTask(p, settings, transforms));
      betweenFiles();
      options.onProgress?.(results.length, paths.length);
    }
    return results;
  }
  // Small batches keep every worker busy when file sizes vary; at most a few hundred tasks in all.
  const size = Math.max(10, Math.min(50, Math.ceil(paths.length / (workers.threads * 8))));
  const batches: string[][] = [];
  for (let i = 0; i < paths.length; i += size) batches.push(paths.slice(i, i + size));
  let done = 0;
  const parts = await Promise.all(
    batches.map(async (batch) => {
      const part = await runBatch(workers, { paths: batch, settings }, settings.fileTimeout * batch.length);
      done += part.length;
      options.onProgress?.(done, paths.length);
      return part;
    }),
  );
  return parts.flat();
}

/**
 * A batch in a worker, stopped (and its thread replaced) if it overruns: each
 * file also checks its own deadline between steps, so this only catches a
 * single step that never returns.
 */
async function runBatch(pool: Pick<Workers, 'run'>, batch: Batch, limit: number): Promise<TaskResult[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limit + 5000);
  try {
    return await pool.run(batch, { signal: controller.signal });
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    // Which file stalled is unknown once the thread is gone: each is retried alone, in its own worker.
    const results: TaskResult[] = [];
    for (const p of batch.paths) {
      const alone = new AbortController();
      const single = setTimeout(() => alone.abort(), batch.settings.fileTimeout + 5000);
      try {
        results.push(...(await pool.run({ paths: [p], settings: batch.settings }, { signal: alone.signal })));
      } catch {
        results.push({
          path: p,
          kind: 'skipped',
          skipKind: 'timeout',
          reason: `gave up after --file-timeout ${batch.settings.fileTimeout} ms; left unchanged`,
        });
      } finally {
        clearTimeout(single);
      }
    }
    return results;
  } finally {
    clearTimeout(timer);
  }
}
