/**
 * pool-codemod's programmatic API: what the CLI does, as data. Nothing here
 * prints or exits; every call returns its results (per file: the path, the
 * text before and after, findings) and a summary, and throws `UsageError`
 * for options it cannot accept.
 *
 *   import { run, audit, listTransforms } from 'pool-codemod';
 *   const result = await run({ paths: ['src'], dry: true });
 */
import { Refusal, UsageError } from './core/errors';
import type { OptionSpec } from './core/options';
import type { FileResult, Finding, FixRecord, Severity } from './core/types';
import { loadConfig } from './engine/config';
import { type RunResult, type RunSummary, run as runEngine } from './engine/run';
import { type QuestionScore } from './engine/scorecard';
import type { PoolCodemodOptions } from './generated/options';
import { TRANSFORMS } from './registry';
import { type AuditFinding, type AuditModel, auditModel } from './views/audit/model';
import { readBaseline } from './engine/baseline';
import { VERSION } from './version';

export { Refusal, UsageError };
export type {
  FileResult,
  Finding,
  FixRecord,
  PoolCodemodOptions,
  QuestionScore,
  RunResult,
  RunSummary,
  Severity,
  AuditFinding,
};

export interface RunOptions {
  /** Files or directories. */
  paths: string[];
  /** `all` (default), or transform ids. */
  transforms?: 'all' | string[];
  /** Write nothing (default: false: changed files are written, dependent files together). */
  dry?: boolean;
  /** Option values; they override the project's pool-codemod.config.json. */
  options?: PoolCodemodOptions;
  /** A config file to use, or false for none (default: the nearest one above the paths). */
  config?: string | false;
  /** Called as files are done. */
  onProgress?: (done: number, total: number) => void;
}

/** The config's values under the given options, and what the config set that was not taken. */
function options(given: RunOptions): { values: Record<string, unknown>; warnings: string[] } {
  const config =
    given.config === false ? { values: {}, warnings: [] } : loadConfig(given.paths, TRANSFORMS, given.config);
  return { values: { ...config.values, ...(given.options ?? {}) }, warnings: config.warnings };
}

/** Rewrite (or with `dry`, preview) the paths; the results of every file, and a summary. */
export async function run(given: RunOptions): Promise<RunResult> {
  const { values, warnings } = options(given);
  const result = await runEngine({
    transforms: given.transforms ?? 'all',
    paths: given.paths,
    options: values,
    dry: given.dry ?? false,
    onProgress: given.onProgress,
  });
  result.warnings.unshift(...warnings);
  return result;
}

export interface AuditOptions extends Omit<RunOptions, 'dry' | 'transforms'> {
  /** A baseline file (written by the CLI's --write-baseline): its findings are marked `baseline`. */
  baseline?: string;
}

export interface AuditResult extends RunResult {
  /** The eight review questions, answered. */
  scorecard: QuestionScore[];
  /** Every finding of the original code, with its rendered message, whether `run` fixes it and how. */
  findings: AuditFinding[];
}

/** Answer the eight review questions for the paths; writes nothing. */
export async function audit(given: AuditOptions): Promise<AuditResult> {
  const { values, warnings } = options(given);
  const { result, model } = await auditReport(given.paths, values, given);
  result.warnings.unshift(...warnings);
  return { ...result, scorecard: model.scores, findings: model.findings };
}

/**
 * The audit as the CLI renders it: the engine's result and the report model
 * every format (text, json, markdown, sarif, html) is drawn from.
 */
export async function auditReport(
  paths: string[],
  values: Record<string, unknown>,
  how: { baseline?: string; onProgress?: (done: number, total: number) => void },
): Promise<{ result: RunResult; model: AuditModel }> {
  const result = await runEngine({
    transforms: 'all',
    paths,
    options: values,
    mode: 'audit',
    onProgress: how.onProgress,
  });
  const base = process.cwd();
  const inBaseline = how.baseline ? readBaseline(how.baseline, base) : () => false;
  return { result, model: auditModel(result, TRANSFORMS, base, VERSION, inBaseline) };
}

export interface TransformInfo {
  id: string;
  title: string;
  antiPattern: number;
  question: number;
  fixable: boolean;
  summary: string;
  description: string;
  options: Record<string, OptionSpec>;
  messages: Record<string, { text: string; severity: Severity; question?: number }>;
}

/** The transforms, their options (with defaults) and their messages. */
export function listTransforms(): TransformInfo[] {
  return TRANSFORMS.map(({ meta }) => ({
    id: meta.id,
    title: meta.title,
    antiPattern: meta.antiPattern,
    question: meta.question,
    fixable: meta.fixable,
    summary: meta.docs.summary,
    description: meta.docs.description,
    options: meta.options,
    messages: meta.messages,
  }));
}
