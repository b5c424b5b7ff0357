/**
 * A whole run, as stages: find files -> pre-filter and process each file
 * (read once, parsed once) -> compute the cross-file facts some files asked
 * for, and process those files again -> provide the modules the rewrites
 * need -> verify -> format -> write (dependent files together). It returns
 * results as data and never prints; every view is computed from them.
 */
import { placeFindingsOnDisk } from './positions';
import path from 'node:path';
import { type ScanData, type TaggedSummary, emptyScanData } from '../core/facts';
import type { LanguageId } from '../core/frontend';
import { type OptionValues, defaults, typedOptions, validateOptions } from '../core/options';
import type { AnyProvider } from '../core/providers';
import type { FileResult, Finding, Severity, Transform } from '../core/types';
import { FRONT_ENDS, frontEndFor, initFrontEnds, selectTransforms } from '../registry';
import { type TaskResult, type TaskSettings, summarizeFile } from './file-task';
import { type FoundFiles, findFiles } from './find-files';
import { TEST_SKIP_REASON } from './test-files';
import { type Workers, mapFiles, startWorkers } from './map-files';
import { allOptionSpecs } from './config';
import { ENGINE_OPTIONS } from './options';
import { SCAN_ROUNDS, computeScan, factsOf, summaryTestsOf } from './scan-stage';
import { type Requested, provideModules } from './providers';
import { formatChanged } from './format';
import { removeStaleTemps, writeAll } from './write';
import { checkPathOptions, checkProvided } from './write-scope';
import { projectRoot } from '../project/containment';
import { displayPath } from '../project/paths';
import { unreadPoolWarnings } from '../project/unread-libraries';
import { processFile } from './process-file';

export interface RunRequest {
  /** `all`, a comma-separated list, or a list of transform ids. */
  transforms: string | readonly string[];
  paths: readonly string[];
  /** Option values of the engine and the transforms (a config's, overridden by flags); validated here. */
  options?: Record<string, unknown>;
  /** Write nothing. */
  dry?: boolean;
  /**
   * `audit`: write nothing; each file's findings are those of its original
   * text, every site reported with whether `run` fixes it, and changed files
   * still carry the text `run` would write (for the fixes' diffs).
   */
  mode?: 'run' | 'audit';
  onProgress?: (done: number, total: number) => void;
}

export interface RunSummary {
  /** Source files found under the paths. */
  files: number;
  /** Files parsed and analysed. */
  analysed: number;
  /** Files set aside, by why (`prefilter`, `too-large`, `generated`, `encoding`, `timeout`, ...). */
  skipped: Record<string, number>;
  changed: number;
  created: number;
  written: number;
  errors: number;
  findings: Record<string, number>;
  fixes: Record<string, number>;
  severities: Record<Severity, number>;
  /** Files by how many passes (parse and analysis) they took: 1 = read once, nothing to fix. */
  passes: Record<string, number>;
  elapsedMs: number;
}

export interface RunResult {
  files: FileResult[];
  summary: RunSummary;
  /** Things the user should know that are not about one site (a verify that could not check types). */
  warnings: string[];
  /** Sites checked and found fine, per transform and check. */
  checks: Record<string, Record<string, number>>;
  /** The options the run used, after defaults. */
  options: OptionValues;
}

export async function run(request: RunRequest): Promise<RunResult> {
  const started = performance.now();
  const transforms = selectTransforms(request.transforms);
  const audit = request.mode === 'audit';
  const dry = audit || (request.dry ?? false);
  const specs = allOptionSpecs(transforms);
  const given = request.options ?? {};
  validateOptions(given, specs, 'option');
  const options: OptionValues = { ...defaults(specs), ...given };
  const root = projectRoot(request.paths);
  if (!audit) checkPathOptions(specs, options, root);
  // Started before the walk of the tree, so each thread loads the parser and the transforms meanwhile.
  const workers = await startWorkers(typedOptions(ENGINE_OPTIONS, options).jobs);
  try {
    return await runStages(request, { started, transforms, audit, dry, options, workers, root });
  } finally {
    await workers?.destroy();
  }
}

interface RunSetup {
  started: number;
  transforms: Transform[];
  audit: boolean;
  dry: boolean;
  options: OptionValues;
  workers: Workers | undefined;
  /** The project root (real path): nothing is written outside it. */
  root: string;
}

async function runStages(request: RunRequest, setup: RunSetup): Promise<RunResult> {
  const { started, transforms, audit, dry, options, workers, root } = setup;
  const engine = typedOptions(ENGINE_OPTIONS, options);
  const warnings: string[] = [];

  const includeTests = engine.includeTests;
  const found = findFiles(request.paths, {
    extensions: engine.extensions ?? FRONT_ENDS.flatMap((f) => f.extensions),
    isSource: (file: string) => frontEndFor(file) !== undefined,
    ignore: engine.ignore,
    includeTests,
  });
  for (const s of found.skipped) warnings.push(`${s.path}: ${s.reason}`);
  if (found.installed.length > 0) warnings.push(installedWarning(found.installed));
  if (!dry) {
    const stale = removeStaleTemps(request.paths.map((p) => path.resolve(p)));
    if (stale.length > 0) warnings.push(`removed ${stale.length} temporary file(s) left by an interrupted run`);
  }

  const facts = factsOf(transforms);
  const settings: TaskSettings = {
    transformIds: transforms.map((t) => t.meta.id),
    options,
    mode: 'run',
    audit,
    scan: emptyScanData(),
    scanComplete: false,
    summarised: [...new Set<LanguageId>([...facts.values()].map((f) => f.language))],
    summaryTests: summaryTestsOf(facts),
    maxFileSize: engine.maxFileSize,
    fileTimeout: engine.fileTimeout,
    includeGenerated: engine.includeGenerated,
    includeTests,
  };
  const tasks = new Map<string, TaskResult>();
  const summaries = new Map<string, TaggedSummary>();
  const note = (results: TaskResult[]) => {
    for (const r of results) {
      tasks.set(r.path, r);
      if (r.kind !== 'skipped' && r.summary) summaries.set(r.path, r.summary);
    }
  };
  // This thread reads files too (small runs, summaries on demand, the scan): it loads what their front ends need.
  await initFrontEnds(found.files);
  note(await mapFiles(found.files, settings, transforms, { workers, onProgress: request.onProgress }));

  // Files that asked for cross-file facts: compute what they asked for, and run them again.
  let scan: ScanData = emptyScanData();
  for (let round = 1; round <= SCAN_ROUNDS; round++) {
    const deferred = [...tasks.values()].filter(
      (r): r is Extract<TaskResult, { kind: 'deferred' }> => r.kind === 'deferred',
    );
    if (deferred.length === 0) break;
    const summaryOf = (file: string) => {
      if (!summaries.has(file)) {
        const summary = summarizeFile(file, settings.maxFileSize);
        if (summary) summaries.set(file, summary);
      }
      return summaries.get(file);
    };
    scan = computeScan(scan, deferred, { summaries, summaryOf, files: found.files, options, facts });
    note(
      await mapFiles(
        deferred.map((d) => d.path),
        // Their summaries were made on their first attempt, from the same text.
        { ...settings, scan, scanComplete: round === SCAN_ROUNDS, summarised: [] },
        transforms,
        { workers },
      ),
    );
  }

  const imported = [...tasks.values()].flatMap((r) => r.unread ?? []);
  warnings.push(...unreadPoolWarnings(request.paths, found.files, imported));

  const testPaths = new Set(found.tests);
  const results = [
    ...found.files.map((file) => labelTest(toFileResult(tasks.get(file)!, audit), testPaths.has(file))),
    ...(includeTests
      ? []
      : found.tests.map((file): FileResult => ({
          path: file,
          status: 'skipped',
          skipKind: 'test',
          reason: TEST_SKIP_REASON,
          findings: [],
          fixes: [],
        }))),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const checks = mergeChecks([...tasks.values()], audit);
  const provided = provideModules(results, requestsOf(tasks), providersOf(transforms));
  if (!audit) settleNewModules(results, provided, transforms, options, scan);
  if (!audit) {
    checkProvided(results, provided, root);
    if (engine.verify)
      for (const frontEnd of FRONT_ENDS)
        warnings.push(
          ...(frontEnd.verify?.(results, unfixedFindings(tasks), { trustProjectCode: engine.trustProjectCode }) ?? []),
        );
    const { formatted, notes } = await formatChanged(results, engine.format, engine.trustProjectCode);
    // Relative to where the command runs, as every other path the views print.
    warnings.push(...notes.map((n) => `${displayPath(n.file, process.cwd())}: ${n.why}`));
    refindAfterFormat(formatted, transforms, options, scan);
    if (!dry) writeAll(results, root);
    placeFindingsOnDisk(results);
  }
  return {
    files: results,
    summary: { ...summarize(results, transforms, performance.now() - started), passes: passHistogram(tasks) },
    warnings,
    checks,
    options,
  };
}

/** One line for the installed packages' files the run left out, naming the directories they were installed into. */
function installedWarning(installed: FoundFiles['installed']): string {
  const files = installed.reduce((n, i) => n + i.files, 0);
  const dirs = installed.map((i) => path.relative(process.cwd(), i.dir) || '.');
  const shown = dirs.slice(0, 3).join(', ') + (dirs.length > 3 ? ` and ${dirs.length - 3} more` : '');
  return `${files} file(s) of installed Python packages left alone (in ${shown}): they are the libraries' own code, not this project's`;
}

/** Findings in test code (included with --include-tests) say so. */
function labelTest(result: FileResult, testPath: boolean): FileResult {
  if (!testPath && !result.test) return result;
  return { ...result, test: true, findings: result.findings.map((f) => ({ ...f, test: true })) };
}

function toFileResult(task: TaskResult, audit: boolean): FileResult {
  if (task.kind === 'skipped')
    return {
      path: task.path,
      status: 'skipped',
      skipKind: task.skipKind,
      reason: task.reason,
      findings: [],
      fixes: [],
    };
  if (task.kind === 'deferred')
    return {
      path: task.path,
      status: 'error',
      reason: `needed cross-file facts (${[...new Set(task.needs.map((n) => n.fact))].join(', ')}) the run could not settle`,
      findings: [],
      fixes: [],
    };
  const findings = audit && task.audit ? task.audit.findings : task.findings;
  if (task.error) return { path: task.path, status: 'error', reason: task.error, findings, fixes: [] };
  const test = task.test ? { test: true } : {};
  if (task.after !== undefined)
    return {
      path: task.path,
      status: 'changed',
      before: task.before,
      after: task.after,
      findings,
      fixes: task.fixes,
      ...test,
    };
  return { path: task.path, status: 'unchanged', findings, fixes: [], ...test };
}

function requestsOf(tasks: Map<string, TaskResult>): Requested[] {
  const out: Requested[] = [];
  for (const task of tasks.values()) {
    if (task.kind !== 'done' || task.after === undefined) continue;
    for (const request of task.requests) out.push({ from: task.path, request });
  }
  return out;
}

/** The providers the transforms declare, by the kind of request each takes. */
function providersOf(transforms: readonly Transform[]): Map<string, AnyProvider> {
  return new Map(transforms.flatMap((t) => t.meta.providers ?? []).map((p) => [p.kind, p]));
}

/** For each changed file, the findings it has if its change is rolled back. */
function unfixedFindings(tasks: Map<string, TaskResult>): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const task of tasks.values())
    if (task.kind === 'done' && task.unfixedFindings) out.set(task.path, task.unfixedFindings);
  return out;
}

function mergeChecks(tasks: TaskResult[], audit: boolean): Record<string, Record<string, number>> {
  const merged: Record<string, Record<string, number>> = {};
  for (const task of tasks) {
    if (task.kind !== 'done') continue;
    for (const [transform, checks] of Object.entries(audit && task.audit ? task.audit.checks : task.checks)) {
      const into = (merged[transform] ??= {});
      for (const [check, n] of Object.entries(checks)) into[check] = (into[check] ?? 0) + n;
    }
  }
  return merged;
}

/**
 * A module written for a rewrite (the shared pool a run creates) is code the
 * other selected transforms have not read: read it now, so that one run
 * leaves nothing a second would change (the new pool gets its timeouts and
 * its error listener in the same run). A fix there that would ask for yet
 * another module is not taken; the next run makes it.
 */
function settleNewModules(
  results: FileResult[],
  provided: ReadonlyMap<string, unknown>,
  transforms: readonly Transform[],
  options: OptionValues,
  scan: ScanData,
): void {
  for (const result of results) {
    if (!provided.has(result.path) || result.status !== 'created' || result.after === undefined) continue;
    const outcome = analyseWritten(result.path, result.after, transforms, options, scan);
    if (!outcome || outcome.requests.length > 0) continue;
    result.after = outcome.text;
    result.fixes = outcome.fixes;
    result.findings = outcome.findings;
  }
}

/**
 * After prettier has run on a changed file, positions of its findings moved:
 * analyse the formatted text once more so every finding points into the text
 * that is written.
 */
function refindAfterFormat(
  formatted: FileResult[],
  transforms: readonly Transform[],
  options: OptionValues,
  scan: ScanData,
): void {
  for (const result of formatted) {
    const outcome = analyseWritten(result.path, result.after ?? '', transforms, options, scan);
    if (outcome) result.findings = outcome.findings;
  }
}

/** A text the run is about to write, run once more through every transform; undefined when that fails. */
function analyseWritten(
  file: string,
  text: string,
  transforms: readonly Transform[],
  options: OptionValues,
  scan: ScanData,
): Extract<ReturnType<typeof processFile>, { kind: 'done' }> | undefined {
  const frontEnd = frontEndFor(file);
  if (!frontEnd) return undefined;
  const outcome = processFile({
    path: file,
    text,
    frontEnd,
    transforms,
    options,
    scan,
    scanComplete: true,
    mode: 'run',
  });
  return outcome.kind === 'done' && !outcome.error ? outcome : undefined;
}

/** Files by the number of passes they took (the last run of each file: a deferred file's second reading). */
function passHistogram(tasks: ReadonlyMap<string, TaskResult>): Record<string, number> {
  const histogram: Record<string, number> = {};
  for (const task of tasks.values())
    if (task.kind === 'done' && task.passes) histogram[task.passes] = (histogram[task.passes] ?? 0) + 1;
  return histogram;
}

function summarize(
  results: FileResult[],
  transforms: readonly Transform[],
  elapsed: number,
): Omit<RunSummary, 'passes'> {
  const ids = transforms.map((t) => t.meta.id);
  const summary: Omit<RunSummary, 'passes'> = {
    files: results.filter((r) => r.status !== 'created').length,
    analysed: 0,
    skipped: {},
    changed: 0,
    created: 0,
    written: 0,
    errors: 0,
    findings: Object.fromEntries(ids.map((id) => [id, 0])),
    fixes: Object.fromEntries(ids.map((id) => [id, 0])),
    severities: { error: 0, warning: 0, note: 0 },
    elapsedMs: Math.round(elapsed),
  };
  for (const r of results) {
    if (r.status === 'skipped')
      summary.skipped[r.skipKind ?? 'other'] = (summary.skipped[r.skipKind ?? 'other'] ?? 0) + 1;
    else if (r.status !== 'created') summary.analysed++;
    if (r.status === 'changed') summary.changed++;
    if (r.status === 'created') summary.created++;
    if (r.status === 'error') summary.errors++;
    if (r.written) summary.written++;
    for (const f of r.findings) {
      summary.findings[f.transform] = (summary.findings[f.transform] ?? 0) + 1;
      summary.severities[f.severity]++;
    }
    for (const f of r.fixes) summary.fixes[f.transform] = (summary.fixes[f.transform] ?? 0) + 1;
  }
  return summary;
}
