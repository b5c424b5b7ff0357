/**
 * A whole run: find files, pre-filter, transform (in worker threads for big
 * runs), add the helper module if one is needed, format, and write. Returns
 * the per-file outcomes; every view (diff, patch, JSON, summary) is computed
 * from them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { driverById, type DriverId } from '../drivers';
import { type HelperPlan, helperModuleText, planHelperModule } from '../project/helper-module';
import { planIoTypes } from '../project/io-types';
import { planNestedAcquire } from '../project/nested-acquire';
import { planSharedPools, providePools } from '../project/pool-module';
import { verifyOutcomes } from '../project/verify';
import { projectInfo } from '../project/package-info';
import { findFiles } from './find-files';
import { formatOutcome, type FormatMode } from './format';
import { parserFor } from './parser';
import { selectTransforms } from './registry';
import type { FileOutcome } from './transform-file';
import type { Style, TransformOptions } from './types';
import processBatch, { processFile, type Batch } from './worker';

export interface RunOptions {
  transforms: string;
  paths: string[];
  dry: boolean;
  style?: Style;
  helperModule?: string;
  /** Where client-to-pool writes a new shared pool module. */
  poolModule?: string;
  /** Extra callees split-io treats as I/O. */
  ioCallees?: string[];
  format?: FormatMode;
  jobs?: number;
  extensions?: string[];
  ignore?: string[];
  /** Type-check changed TypeScript files in their project; roll back those that gain diagnostics. */
  verify?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface RunSummary {
  scanned: number;
  skipped: number;
  changed: number;
  findings: Record<string, number>;
  errors: number;
  written: number;
  elapsedMs: number;
}

export interface RunResult {
  files: FileOutcome[];
  summary: RunSummary;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Below this many files, starting worker threads costs more than it saves. */
const WORKER_THRESHOLD = 200;

export async function run(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const transforms = selectTransforms(options.transforms);
  const ids = transforms.map((t) => t.meta.id);
  const files = findFiles(options.paths, { extensions: options.extensions, ignore: options.ignore });
  const helperPlan = options.style === 'helper' ? planHelperModule(files, options.helperModule) : undefined;
  const sharedPools = ids.includes('client-to-pool') ? planSharedPools(files, options.poolModule) : undefined;
  const nested = ids.includes('split-io') ? planNestedAcquire(files, readText) : undefined;
  const ioTypes = ids.includes('split-io') ? planIoTypes(files, readText) : undefined;

  const perFile = files.map((file) => {
    const project = projectInfo(file);
    const fileOptions: TransformOptions = {
      style: options.style,
      helperModule: helperPlan?.path,
      projectDependencies: project.dependencies,
      esmImportSuffix: project.esmImportSuffix,
      nodeEngine: project.nodeEngine,
      sharedPools,
      ioCallees: [...(options.ioCallees ?? []), ...project.ioCallees],
      nestedAcquire: nested?.get(file),
      ioCallSites: ioTypes?.get(file),
    };
    return { path: file, options: fileOptions };
  });

  const outcomes = await transformAll(perFile, ids, options);
  if (sharedPools) providePools(outcomes);
  if (helperPlan) addHelperModule(outcomes, helperPlan, files);
  if (options.verify) verifyOutcomes(outcomes);
  for (const outcome of outcomes) if (outcome.changed && !outcome.error) await formatOutcome(outcome, options.format ?? 'auto');
  let written = 0;
  if (!options.dry) written = writeAll(outcomes);

  const findings: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  for (const o of outcomes) for (const f of o.findings) findings[f.transform] = (findings[f.transform] ?? 0) + 1;
  return {
    files: outcomes,
    summary: {
      scanned: outcomes.filter((o) => o.before !== null || o.error).length,
      skipped: outcomes.filter((o) => o.skipped).length,
      changed: outcomes.filter((o) => o.changed && !o.error).length,
      findings,
      errors: outcomes.filter((o) => o.error).length,
      written,
      elapsedMs: Math.round(performance.now() - started),
    },
  };
}

async function transformAll(files: Batch['files'], ids: string[], options: RunOptions): Promise<FileOutcome[]> {
  const jobs = Math.max(1, options.jobs ?? os.availableParallelism());
  const workerFile = path.join(__dirname, 'worker.js');
  const inProcess = jobs === 1 || files.length < WORKER_THRESHOLD || !fs.existsSync(workerFile);
  const results: FileOutcome[] = [];
  if (inProcess) {
    for (const f of files) {
      results.push(processFile(f.path, ids, f.options));
      options.onProgress?.(results.length, files.length);
    }
    return results;
  }
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: workerFile, maxThreads: jobs, minThreads: jobs });
  try {
    // Small batches keep workers busy when file sizes vary (jscodeshift learned this too).
    const batches: Batch[] = [];
    for (let i = 0; i < files.length; i += 25) batches.push({ files: files.slice(i, i + 25), transformIds: ids });
    let done = 0;
    const parts = await Promise.all(
      batches.map(async (batch) => {
        const part: FileOutcome[] = await pool.run(batch);
        done += part.length;
        options.onProgress?.(done, files.length);
        return part;
      }),
    );
    return parts.flat();
  } finally {
    await pool.destroy();
  }
}

/** Create or extend the helper module when a rewrite imported a helper it does not export yet. */
function addHelperModule(outcomes: FileOutcome[], plan: HelperPlan, files: string[]): void {
  const requested = outcomes.filter((o) => o.changed && !o.error).flatMap((o) => o.helpers);
  if (requested.length === 0) return;
  const drivers = requested.map((h) => driverById(h.driver as DriverId));
  const esmHint = projectInfo(plan.path).esm || files.some((f) => /\.(mjs|mts)$/.test(f));
  const text = helperModuleText(plan, drivers, esmHint);
  if (!text) return;
  const existing = outcomes.find((o) => o.path === plan.path);
  const outcome: FileOutcome = { path: plan.path, before: text.before, after: text.after, changed: true, findings: existing?.findings ?? [], helpers: [] };
  if (existing) Object.assign(existing, outcome);
  else outcomes.push(outcome);
}

/** Write every changed file atomically (temp file + rename), and only when its output parses. */
function writeAll(outcomes: FileOutcome[]): number {
  let written = 0;
  for (const outcome of outcomes) {
    if (!outcome.changed || outcome.error) continue;
    try {
      parserFor(outcome.path).parse(outcome.after.replace(/^\uFEFF/, ''));
    } catch (error) {
      outcome.error = `not written: the output does not parse: ${(error as Error).message}`;
      continue;
    }
    fs.mkdirSync(path.dirname(outcome.path), { recursive: true });
    const mode = outcome.before !== null ? fs.statSync(outcome.path).mode : undefined;
    writeFileAtomic.sync(outcome.path, outcome.after, { encoding: 'utf8', mode });
    written++;
  }
  return written;
}
