/**
 * The contract between the engine and every transform. A transform is data
 * (`meta`) plus, for each language it reads, three functions the engine
 * calls for each file: `detect` finds candidate sites, `gate` decides for one
 * site (fix, report, or fine) before anything changes, and `fix` turns a
 * decided plan into text edits against the file as it was read. Between
 * detect and the gates, `needs` names the cross-file facts the gates will
 * read. Transforms never write, never print and never render messages:
 * findings are data, views render them.
 *
 * Types follow from the meta: a report's message id is a key of the
 * transform's messages, and its options are the values its option specs
 * describe.
 */
import type { Edit, Span } from './edits';
import type { AnyFact, FactNeed } from './facts';
import type { LanguageContexts, LanguageId } from './frontend';
import type { OptionSpec, OptionValues, OptionsOf } from './options';
import { typedOptions } from './options';
import type { AnyProvider, ModuleRequest } from './providers';
import type { ProjectInfo } from '../project/package-info';

export type { Edit, Span };

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

export type MessageSpecs = Readonly<Record<string, MessageSpec>>;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface TransformMeta<O extends OptionSpecs = OptionSpecs, M extends MessageSpecs = MessageSpecs> {
  id: string;
  title: string;
  /** The anti-pattern (1-8) it addresses. */
  antiPattern: number;
  /** The review question (1-8) its findings answer. */
  question: number;
  /**
   * Checks (the ids of sites found fine) that answer another question than
   * the transform's own: pool-monitoring's error listeners and handlers that
   * log answer question 8, not 7.
   */
  checkQuestions?: Readonly<Record<string, number>>;
  /** Whether `run` rewrites any of what it finds (some transforms only report). */
  fixable: boolean;
  docs: { summary: string; description: string };
  /** Options schema with defaults; generates CLI flags, `list --json`, config validation and the options type. */
  options: O;
  messages: M;
  /**
   * Per language, text tests a file must all pass for this transform to have
   * anything to look at (checked before parsing). A language without a list
   * is not filtered.
   */
  prefilter: { readonly [L in LanguageId]?: readonly RegExp[] };
  /**
   * Per language, a test of the text together with the file's project (its
   * package.json), still before parsing, for what the text alone cannot rule
   * out. Like `prefilter`, it must hold for every file where the transform
   * could find a site at all, fine or not.
   */
  projectFilter?: { readonly [L in LanguageId]?: (text: string, project: ProjectInfo) => boolean };
  /** Cross-file facts its parts may name in `needs`. */
  facts?: readonly AnyFact[];
  /** Modules its fixes may request, by the providers that write them. */
  providers?: readonly AnyProvider[];
  /**
   * Transforms whose fixes must be taken before this one's in a pass (their
   * ids): split-io works on sections release-in-finally has put in shape.
   * The registry checks that its list keeps this order.
   */
  runsAfter?: readonly string[];
}

/** A meta with its option and message types kept literal, so the types below can follow from it. */
export function defineMeta<const O extends OptionSpecs, const M extends MessageSpecs>(
  meta: TransformMeta<O, M>,
): TransformMeta<O, M> {
  return meta;
}

/** The message ids of a meta. */
export type MessageIdOf<T> = T extends TransformMeta<OptionSpecs, infer M> ? keyof M & string : never;
/** The option values a meta's transform receives. */
export type OptionsOfMeta<T> = T extends TransformMeta<infer O, MessageSpecs> ? OptionsOf<O> : never;

/**
 * Whether a transform has anything to look at in this text: its prefilter,
 * then its project filter (the project is only read when there is one).
 */
export function transformWants(
  meta: TransformMeta,
  language: LanguageId,
  text: string,
  project: () => ProjectInfo,
): boolean {
  const filter = meta.projectFilter?.[language];
  return (meta.prefilter[language] ?? []).every((test) => test.test(text)) && (!filter || filter(text, project()));
}

/** What a gate reports: which message, the values its placeholders take, and where. */
export interface Report<Id extends string = string> {
  messageId: Id;
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
export type Decision<P, Id extends string = string> =
  /** `also`: what stays reported after the fix (audits show it beside the fixable finding). */
  | { kind: 'fix'; plan: P; report: Report<Id>; also?: Report<Id>[] }
  | { kind: 'report'; report: Report<Id>; also?: Report<Id>[] }
  | { kind: 'ok'; check: string; at: Span };

/** Report every one of several findings at one site: the first leads, the rest come with it. At least one. */
export function reportAll<Id extends string>(reports: readonly Report<Id>[]): Decision<never, Id> {
  const [first, ...rest] = reports;
  if (!first) throw new Error('reportAll needs at least one report');
  return { kind: 'report', report: first, also: rest };
}

export interface Fix {
  edits: Edit[];
  /** Modules in other files the rewrite needs (see src/core/providers.ts). */
  requests?: ModuleRequest[];
  /**
   * Where the fix touches the file, when its edits lie far apart (a pool's
   * config and a statement in a function): other fixes conflict with it only
   * there. Default: one region from its first edit to its last.
   */
  regions?: Span[];
  /**
   * Edits other fixes of the same pass may join instead of waiting for the
   * next one: fixes with the same `key` (options added to one config object)
   * become one set of edits, made by `combine` from every fix's `part` in
   * transform order, touching the same places as the first part alone.
   * `edits` and `regions` hold the fix's other edits.
   */
  joins?: { key: string; part: unknown; combine: (parts: readonly unknown[]) => Edit[] };
}

/** A transform's parts for one language, typed by that language's context, its options and its message ids. */
export interface LanguageParts<C, O, Id extends string, S, P> {
  /** Candidate sites in the file, from the facts its front end collected. */
  detect(ctx: C, options: O): readonly S[];
  /** The cross-file facts the gates will read for these sites: computed before any gate runs. */
  needs?(sites: readonly S[], ctx: C, options: O): FactNeed[];
  /** Pure: decides for one site without changing anything. */
  gate(site: S, ctx: C, options: O): Decision<P, Id>;
  /** The edits (and requests for other files) that carry out a plan. */
  fix(plan: P, ctx: C, options: O): Fix;
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

/** A transform's analysis of one file, started: what it needs, then its decisions. */
interface Started {
  needs: FactNeed[];
  decide: () => Outcome[];
}

/** One language's parts with their site and plan types erased behind closures. */
export interface Analyser<C> {
  start(ctx: C, options: OptionValues): Started;
}

/** A transform with its types erased, as the registry and the engine hold it. */
export interface Transform {
  meta: TransformMeta;
  languages: { [L in LanguageId]?: Analyser<LanguageContexts[L]> };
}

/**
 * The parts of a transform for one language (`language` names it, so the
 * context type follows), typed by the meta, erased for the engine.
 */
export function languageParts<L extends LanguageId, O extends OptionSpecs, M extends MessageSpecs, S, P>(
  language: L,
  meta: TransformMeta<O, M>,
  parts: LanguageParts<LanguageContexts[L], OptionsOf<O>, keyof M & string, S, P>,
): Analyser<LanguageContexts[L]> {
  return {
    start(ctx, options) {
      const typed = typedOptions(meta.options, options);
      const sites = parts.detect(ctx, typed);
      return {
        needs: sites.length > 0 && parts.needs ? parts.needs(sites, ctx, typed) : [],
        decide: () =>
          sites.map((site): Outcome => {
            const decision = parts.gate(site, ctx, typed);
            if (decision.kind === 'fix')
              return {
                decision: 'fix',
                reports: [decision.report, ...(decision.also ?? [])],
                at: decision.report.at,
                fix: () => parts.fix(decision.plan, ctx, typed),
              };
            if (decision.kind === 'report')
              return {
                decision: 'report',
                reports: [decision.report, ...(decision.also ?? [])],
                at: decision.report.at,
              };
            return { decision: 'ok', reports: [], check: decision.check, at: decision.at };
          }),
      };
    },
  };
}

/** A transform: its meta and its parts per language (`languageParts`). */
export function defineTransform(transform: Transform): Transform {
  return transform;
}

/**
 * One finding as views and scripts see it. Positions are 1-based and point
 * into the file as it is on disk: the new text where the run wrote it, the
 * text as read otherwise (`--dry`, audits, a file left unwritten).
 */
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

type FileStatus = 'unchanged' | 'changed' | 'created' | 'skipped' | 'error';

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
