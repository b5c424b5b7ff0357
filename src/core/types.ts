/**
 * The contract between the engine and every transform. A transform is data
 * (`meta`) plus three functions the engine calls for each file: `detect`
 * finds candidate sites, `gate` decides for one site (fix, report, or fine)
 * before anything changes, and `fix` turns a decided plan into text edits
 * against the file as it was read. Transforms never write, never print and
 * never render messages: findings are data, views render them.
 */
import type { File } from '@babel/types';
import type { CodeStyle } from '../frontends/js/style';
import type { FileFacts } from '../frontends/js/facts';
import type { ProjectInfo } from '../project/package-info';
import type { ProjectScan, ScanKind } from '../scan/types';
import type { OptionSpec, OptionValues } from './options';

export type Severity = 'error' | 'warning' | 'note';

/** A message a transform can report, keyed by id in `meta.messages`. */
export interface MessageSpec {
  /** Text with `{{name}}` placeholders filled from the finding's `data`. */
  text: string;
  severity: Severity;
  /** The review question this message answers, when it is not the transform's own (pool-monitoring answers 7 and 8). */
  question?: number;
  /** Flags with which `run` fixes what this message reports (`--metrics prom-client`); absent: `run` cannot. */
  fixWith?: string;
}

export interface TransformMeta {
  id: string;
  title: string;
  /** The seed anti-pattern (1-8) it addresses. */
  antiPattern: number;
  /** The seed review question (1-8) its findings answer. */
  question: number;
  /** Whether `run` rewrites any of what it finds (some transforms only report). */
  fixable: boolean;
  docs: { summary: string; description: string };
  /** Options schema with defaults; generates CLI flags, `list --json` and config validation. */
  options: Record<string, OptionSpec>;
  messages: Record<string, MessageSpec>;
  /** Text tests a file must all pass for this transform to have anything to look at (checked before parsing). */
  prefilter: RegExp[];
  /**
   * A test of the text together with the file's project (its package.json),
   * still before parsing, for what the text alone cannot rule out. Like
   * `prefilter`, it must hold for every file where the transform could find
   * a site at all, fine or not.
   */
  projectFilter?: (text: string, project: ProjectInfo) => boolean;
  /** Cross-file facts the transform may ask for; the engine summarises the files those need. */
  scans?: ScanKind[];
}

/**
 * Whether a transform has anything to look at in this text: its prefilter,
 * then its project filter (the project is only read when there is one).
 */
export function transformWants(meta: TransformMeta, text: string, project: () => ProjectInfo): boolean {
  return (
    meta.prefilter.every((test) => test.test(text)) && (!meta.projectFilter || meta.projectFilter(text, project()))
  );
}

/** A place in the file being analysed: offsets into the text the transform was given. */
export interface Span {
  start: number;
  end: number;
}

/** What a gate reports: which message, the values its placeholders take, and where. */
export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  at: Span;
  /** When the site's circumstances make it more or less serious than the message's usual severity. */
  severity?: Severity;
}

/**
 * One site's fate, decided before any edit: `fix` (the plan is rewritten and
 * the report says what anti-pattern it removes), `report` (left alone, with
 * the reason), or `ok` (checked and found fine: audits count these).
 */
export type Decision<P> =
  /** `also`: what stays reported after the fix (audits show it beside the fixable finding). */
  | { kind: 'fix'; plan: P; report: Report; also?: Report[] }
  | { kind: 'report'; report: Report; also?: Report[] }
  | { kind: 'ok'; check: string; at: Span };

/** A text replacement against the analysed text: `[start, end)` becomes `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Something a fix needs in another file, as data: a module the run creates
 * or changes (a shared pool module, a helper module). The engine hands it to
 * the provider for its kind, and writes the requesting file only together
 * with the file that satisfies it.
 */
export type FileRequest =
  | { kind: 'pool-module'; path: string; driver: string; name: string; config: string; api?: 'callback'; esm: boolean }
  | { kind: 'export-pool'; path: string; name: string }
  | { kind: 'helper'; path: string; driver: string; esm: boolean }
  /** The module that exports pool gauges (`monitorPool(pool, label)`), for prom-client or OpenTelemetry. */
  | {
      kind: 'metrics-module';
      path: string;
      flavor: 'prom-client' | 'otel';
      drivers: string[];
      esm: boolean;
      typescript: boolean;
    }
  /** A runtime dependency the rewrite needs, added to the nearest package.json. */
  | { kind: 'dependency'; path: string; name: string; version: string };

export interface Fix {
  edits: Edit[];
  requests?: FileRequest[];
  /**
   * Where the fix touches the file, when its edits lie far apart (a pool's
   * config and a statement in a function): other fixes conflict with it only
   * there. Default: one region from its first edit to its last.
   */
  regions?: Span[];
}

/** Everything a transform may read about the file it is given. */
export interface FileContext {
  /** Absolute path. */
  path: string;
  text: string;
  ast: File;
  facts: FileFacts;
  style: CodeStyle;
  project: ProjectInfo;
  /** Cross-file facts; reading one the run has not computed yet defers the file (see `ScanPending`). */
  scan: ProjectScan;
}

export interface TransformParts<O extends OptionValues, S, P> {
  meta: TransformMeta;
  /** Candidate sites in the file. */
  detect(ctx: FileContext, options: O): S[];
  /** Pure: decides for one site without changing anything. */
  gate(site: S, ctx: FileContext, options: O): Decision<P>;
  /** The edits (and requests for other files) that carry out a plan. */
  fix(plan: P, ctx: FileContext, options: O): Fix;
}

/** A decided site, with its fix (when there is one) still to be computed. */
export interface Outcome {
  decision: Decision<unknown>['kind'];
  /** What is reported (one for a fix; one or more for a report; none when fine). */
  reports: Report[];
  check?: string;
  at: Span;
  fix?: () => Fix;
}

/** A transform with its types erased, as the registry and the engine hold it. */
export interface Transform {
  meta: TransformMeta;
  analyse(ctx: FileContext, options: OptionValues): Outcome[];
}

/** Erase a transform's site and plan types behind closures, so a list of transforms needs no `any`. */
export function defineTransform<O extends OptionValues, S, P>(parts: TransformParts<O, S, P>): Transform {
  return {
    meta: parts.meta,
    analyse(ctx, options) {
      const typed = options as O;
      return parts.detect(ctx, typed).map((site): Outcome => {
        const decision = parts.gate(site, ctx, typed);
        if (decision.kind === 'fix') {
          return {
            decision: 'fix',
            reports: [decision.report, ...(decision.also ?? [])],
            at: decision.report.at,
            fix: () => parts.fix(decision.plan, ctx, typed),
          };
        }
        if (decision.kind === 'report')
          return { decision: 'report', reports: [decision.report, ...(decision.also ?? [])], at: decision.report.at };
        return { decision: 'ok', reports: [], check: decision.check, at: decision.at };
      });
    },
  };
}

/** One finding as views and scripts see it. Positions are 1-based and refer to the text the file ends up with. */
export interface Finding {
  transform: string;
  /** Absolute path of the file (views show it relative to where the run started). */
  file: string;
  messageId: string;
  data: Record<string, string | number>;
  severity: Severity;
  question: number;
  antiPattern: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** `run` rewrites this site (in audits); a finding left by `run` is never fixable. */
  fixable: boolean;
  /** Stable across line shifts: the transform, message, file and the text of the finding's line (and its repeat count). */
  fingerprint: string;
  /** In test code (looked at only with --include-tests). */
  test?: boolean;
}

/** A rewrite that was made, for summaries and pull-request text. Line and column are where it was made in the text as read. */
export interface FixRecord {
  transform: string;
  messageId: string;
  line: number;
  column: number;
}

export type FileStatus = 'unchanged' | 'changed' | 'created' | 'skipped' | 'error';

/**
 * What a run would do to one file, and nothing else decides: writing, diffs,
 * patches, JSON and summaries are all views of these.
 */
export interface FileResult {
  /** Absolute path. */
  path: string;
  status: FileStatus;
  /** Text before and after, only when the file changes (null before: the run creates it). */
  before?: string | null;
  after?: string;
  findings: Finding[];
  fixes: FixRecord[];
  /** Why the file was skipped or failed, in words a person can act on. */
  reason?: string;
  /** Test code, looked at because of --include-tests. */
  test?: boolean;
  /** A skipped file's kind of reason (`prefilter`, `too-large`, `generated`, `encoding`, `timeout`, `read-only`, `test`). */
  skipKind?: string;
  /** Files that must be written together with this one (a module it now imports). */
  dependsOn?: string[];
  /** Set once the write stage has run: true when this file's new text is on disk. */
  written?: boolean;
}
