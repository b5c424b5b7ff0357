/**
 * One file through every selected transform. Each pass parses the text once,
 * collects the file's facts in one traversal, lets every transform detect
 * and decide, and applies the fixes that do not overlap (as ESLint applies
 * autofixes); the next pass parses the result, which both proves it parses
 * and picks up fixes that had to wait. The file is done when a pass has
 * nothing left to fix: its text is a fixed point, and its findings are
 * positioned in the text that will be written.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { SpanSet, applyEdits, coverOf, originMapper } from '../core/edits';
import { type FactNeed, DataScan, type ScanData, isKnown } from '../core/facts';
import { type FrontEnd, type LanguageContexts, type LanguageId, ParseFailure, type ParsedFile } from '../core/frontend';
import { LineIndex } from '../core/lines';
import type { OptionValues } from '../core/options';
import type { ModuleRequest } from '../core/providers';
import { type Suppression, isSuppressed } from '../core/suppressions';
import {
  type Analyser,
  type Edit,
  type Finding,
  type FixRecord,
  type Outcome,
  type Report,
  type Transform,
  transformWants,
} from '../core/types';
import { type ProjectInfo, projectInfo } from '../project/package-info';
import { ENGINE_TRANSFORM } from './engine-meta';
import { boundHeap } from './heap';

export interface ProcessInput<L extends LanguageId> {
  path: string;
  text: string;
  frontEnd: FrontEnd<L>;
  transforms: readonly Transform[];
  options: OptionValues;
  scan: ScanData;
  /** Cross-file facts are final (a fact not computed is its empty value); else a missing need defers the file. */
  scanComplete: boolean;
  /** `audit` decides and reports every site, fixes nothing. */
  mode: 'run' | 'audit';
  project?: ProjectInfo;
  /** Give up on the file at this time (`Date.now()` milliseconds; checked between steps). */
  deadline?: number;
  /** Called once with the original text's context (the project scan summarises the file here). */
  onFirstPass?: (ctx: LanguageContexts[L]) => void;
  /**
   * Collect the heap between passes once it has grown past the bound, as
   * the command line does between files. Only in a process the tool owns:
   * in ESLint's, which keeps every file's tree and results, each collection
   * walked all of them (the ESLint bench took 1.7x as long).
   */
  boundHeap?: boolean;
}

export type ProcessOutcome =
  /** The gates need cross-file facts the run has not computed yet: nothing was decided. */
  | { kind: 'deferred'; needs: { fact: string; file?: string }[] }
  | {
      kind: 'done';
      text: string;
      findings: Finding[];
      fixes: FixRecord[];
      requests: ModuleRequest[];
      /** Sites `ok`-checked, per transform and check, for audits. */
      checks: Record<string, Record<string, number>>;
      /** The findings of the original text with every site reported (what a rollback leaves, what an audit shows). */
      unfixedFindings: Finding[];
      /** The sites of the original text checked and found fine. */
      firstChecks: Record<string, Record<string, number>>;
      /** How many times the file was parsed and analysed (the last pass proves the text settled). */
      passes?: number;
      error?: string;
    };

/** More passes than any real file needs: nested sections settle one level per pass. */
const MAX_PASSES = 12;

export class FileTimeout extends Error {}

interface Pass<L extends LanguageId> {
  text: string;
  parsed: ParsedFile<L>;
  outcomes: { transform: Transform; outcome: Outcome }[];
  lines: LineIndex;
  suppressions: Suppression[];
}

/** What carries from one pass to the next: the text, and what the passes so far found and fixed. */
interface Carried {
  text: string;
  usedBefore: Set<string> | undefined;
  unfixedFindings: Finding[];
  firstChecks: Record<string, Record<string, number>>;
  fixes: { record: Omit<FixRecord, 'line' | 'column'>; offset: number }[];
  requests: ModuleRequest[];
  /** From an offset of this pass's text to the text as read. */
  toOriginal: (offset: number) => number;
}

export function processFile<L extends LanguageId>(input: ProcessInput<L>): ProcessOutcome {
  const project = input.project ?? projectInfo(input.path);
  const carried: Carried = {
    text: input.text,
    usedBefore: undefined,
    unfixedFindings: [],
    firstChecks: {},
    fixes: [],
    requests: [],
    toOriginal: (offset) => offset,
  };
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    checkDeadline(input);
    // The last pass's tree and paths died with its frame: a big file's are collected before the next parse.
    if (pass > 1 && input.boundHeap) boundHeap();
    const outcome = onePass(pass, carried, input, project);
    if (outcome) return outcome;
  }
  return failure(
    input.text,
    `the rewrite did not settle after ${MAX_PASSES} passes (nothing written; please report this)`,
  );
}

/**
 * One pass over `carried.text`: the file's outcome when it is done (or
 * failed, or waits for facts), else undefined with `carried` moved on to
 * the next text. A function of its own so that the pass's tree goes when it
 * returns: a stale slot of a loop's frame kept a 3 MB file's first tree
 * alive through the second parse (1.3 GB at the peak, not 0.6).
 */
function onePass<L extends LanguageId>(
  pass: number,
  carried: Carried,
  input: ProcessInput<L>,
  project: ProjectInfo,
): ProcessOutcome | undefined {
  let current: Pass<L> | { needs: FactNeed[] };
  try {
    current = analysePass(carried.text, input, project, pass === 1 ? input.onFirstPass : undefined);
  } catch (error) {
    if (error instanceof FileTimeout) throw error;
    if (pass === 1) return failure(input.text, describeFailure(error));
    // Our own output failed to parse or analyse: nothing is written, and the tool's bug is named.
    return failure(
      input.text,
      `the rewrite produced text the tool cannot read back (nothing written; please report this): ${describeFailure(error)}`,
    );
  }
  if ('needs' in current)
    return {
      kind: 'deferred',
      needs: current.needs.map((n) => ({ fact: n.fact.id, ...(n.file ? { file: n.file } : {}) })),
    };
  // What a parse holds outside the heap (a tree-sitter tree) is freed once this pass is done with it.
  try {
    if (pass === 1) {
      carried.unfixedFindings = findingsOf(current, input.path, true);
      carried.firstChecks = checksOf(current);
      if (input.mode === 'audit')
        return done(current, carried.unfixedFindings, [], [], carried.unfixedFindings, carried.firstChecks, pass);
    }
    const accepted = acceptFixes(current, input);
    if (accepted.error) return failure(input.text, accepted.error);
    // The imports the text as read uses are counted only once it is going to change: most files never do.
    if (pass === 1 && accepted.edits.length > 0) carried.usedBefore = current.parsed.importUses();
    const edits = [...accepted.edits];
    // On the text as read nothing can have lost its last use, so there is nothing to prune before pass 2.
    if (pass > 1) {
      const prune = current.parsed.pruneImports(carried.usedBefore ?? new Set());
      if (prune.length > 0 && !prune.some((p) => accepted.spans.overlaps(coverOf([p])))) edits.push(...prune);
    }
    if (edits.length === 0) {
      // A fix is reported where it was made in the text as read (what a reader of the original, and a diff's old side, sees).
      const original = new LineIndex(input.text);
      const finalFixes = carried.fixes.map(({ record, offset }) => ({ ...record, ...original.position(offset) }));
      return done(
        current,
        findingsOf(current, input.path, false),
        finalFixes,
        carried.requests,
        carried.unfixedFindings,
        carried.firstChecks,
        pass,
      );
    }
    for (const record of accepted.records)
      carried.fixes.push({ record: record.record, offset: carried.toOriginal(record.offset) });
    const back = originMapper(edits);
    const before = carried.toOriginal;
    carried.toOriginal = (offset) => before(back(offset));
    carried.requests.push(...accepted.requests);
    try {
      carried.text = applyEdits(current.text, edits);
    } catch (error) {
      return failure(
        input.text,
        `a fix produced overlapping edits (nothing written; please report this): ${describeFailure(error)}`,
      );
    }
    return undefined;
  } finally {
    current.parsed.dispose?.();
  }
}

/** A transform's parts for the front end's language (none: it does not read that language). */
function analyserFor<L extends LanguageId>(
  transform: Transform,
  language: L,
): Analyser<LanguageContexts[L]> | undefined {
  return transform.languages[language];
}

/**
 * One pass: parse, let every transform detect, and, when the cross-file
 * facts their sites need are all there, decide every site. Otherwise the
 * needs that are missing come back and nothing is decided.
 */
function analysePass<L extends LanguageId>(
  text: string,
  input: ProcessInput<L>,
  project: ProjectInfo,
  onFirst: ProcessInput<L>['onFirstPass'],
): Pass<L> | { needs: FactNeed[] } {
  const scan = new DataScan(input.scan, input.scanComplete);
  const parsed = input.frontEnd.parse({ path: input.path, text, project, scan });
  try {
    return decidePass(text, input, project, parsed, onFirst);
  } catch (error) {
    parsed.dispose?.();
    throw error;
  }
}

function decidePass<L extends LanguageId>(
  text: string,
  input: ProcessInput<L>,
  project: ProjectInfo,
  parsed: ParsedFile<L>,
  onFirst: ProcessInput<L>['onFirstPass'],
): Pass<L> | { needs: FactNeed[] } {
  onFirst?.(parsed.ctx);
  const started: { transform: Transform; decide: () => Outcome[] }[] = [];
  const missing: FactNeed[] = [];
  for (const transform of input.transforms) {
    const analyser = analyserFor(transform, input.frontEnd.id);
    if (!analyser || !transformWants(transform.meta, input.frontEnd.id, text, () => project)) continue;
    checkDeadline(input);
    const { needs, decide } = guarded(transform, () => analyser.start(parsed.ctx, input.options));
    if (!input.scanComplete) missing.push(...needs.filter((need) => !isKnown(input.scan, need)));
    started.push({ transform, decide });
  }
  if (missing.length > 0) {
    parsed.dispose?.();
    return { needs: missing };
  }
  const outcomes: Pass<L>['outcomes'] = [];
  for (const { transform, decide } of started) {
    checkDeadline(input);
    for (const outcome of guarded(transform, decide)) outcomes.push({ transform, outcome });
  }
  return { text, parsed, outcomes, lines: new LineIndex(text), suppressions: parsed.suppressions };
}

/** Run a transform's step; a throw is the transform's crash, named. */
function guarded<T>(transform: Transform, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof FileTimeout) throw error;
    throw new TransformCrash(transform.meta.id, error);
  }
}

class TransformCrash extends Error {
  constructor(
    readonly transform: string,
    override readonly cause: unknown,
  ) {
    super(`transform ${transform} crashed: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
  }
}

function checkDeadline(input: { deadline?: number }): void {
  if (input.deadline !== undefined && Date.now() > input.deadline) throw new FileTimeout('time limit');
}

/**
 * The fixes of this pass that can be applied together: in transform order,
 * then site order, each unless it overlaps one already taken (that site is
 * looked at again next pass, on the new text).
 */
function acceptFixes<L extends LanguageId>(
  pass: Pass<L>,
  input: ProcessInput<L>,
): {
  edits: Edit[];
  spans: SpanSet;
  records: { record: Omit<FixRecord, 'line' | 'column'>; offset: number }[];
  requests: ModuleRequest[];
  error?: string;
} {
  const edits: Edit[] = [];
  const spans = new SpanSet();
  const records: { record: Omit<FixRecord, 'line' | 'column'>; offset: number }[] = [];
  const requests: ModuleRequest[] = [];
  /** Joined fixes by key: their combined edits are made once every fix of the pass has been seen. */
  const groups = new Map<string, { combine: (parts: readonly unknown[]) => Edit[]; parts: unknown[] }>();
  for (const { transform, outcome } of pass.outcomes) {
    if (
      !outcome.fix ||
      isSuppressed(
        pass.suppressions,
        transform.meta.id,
        outcome.reports[0]?.messageId,
        pass.lines.position(outcome.at.start).line,
      )
    )
      continue;
    checkDeadline(input);
    let fix;
    try {
      fix = outcome.fix();
    } catch (error) {
      return {
        edits: [],
        spans,
        records: [],
        requests: [],
        error: new TransformCrash(transform.meta.id, error).message,
      };
    }
    const own = fix.edits.length > 0 ? (fix.regions ?? [coverOf(fix.edits)]) : [];
    const alone = fix.joins ? fix.joins.combine([fix.joins.part]) : [];
    const joins = alone.length > 0 ? fix.joins : undefined;
    const group = joins ? groups.get(joins.key) : undefined;
    if (joins && group) {
      // Joins a fix already taken (its part lands where the first one's does); its other edits must still fit.
      if (!spans.tryAddAll(own)) continue;
      group.parts.push(joins.part);
    } else {
      const regions = alone.length > 0 ? [...own, coverOf(alone)] : own;
      if (regions.length === 0 || !spans.tryAddAll(regions)) continue;
      if (joins) groups.set(joins.key, { combine: joins.combine, parts: [joins.part] });
    }
    edits.push(...fix.edits);
    requests.push(...(fix.requests ?? []));
    records.push({
      record: { transform: transform.meta.id, messageId: outcome.reports[0]?.messageId ?? 'fixed' },
      offset: outcome.at.start,
    });
  }
  for (const group of groups.values()) edits.push(...group.combine(group.parts));
  return { edits, spans, records, requests };
}

/** Findings of a pass: what is reported (and, with `withFixable`, what would be fixed), minus suppressed sites. */
function findingsOf<L extends LanguageId>(pass: Pass<L>, file: string, withFixable: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const { transform, outcome } of pass.outcomes) {
    if (outcome.decision === 'ok' || (outcome.decision === 'fix' && !withFixable)) continue;
    for (const [index, report] of outcome.reports.entries()) {
      // A fix's first report is what it fixes; the rest stay after it.
      const finding = toFinding(
        transform,
        report,
        pass.lines,
        file,
        outcome.decision === 'fix' && index === 0,
        pass.text,
      );
      if (!isSuppressed(pass.suppressions, transform.meta.id, report.messageId, finding.line)) findings.push(finding);
    }
  }
  for (const s of pass.suppressions) {
    if (s.reason !== '') continue;
    const at = pass.lines.lineStart(s.line) + s.column;
    findings.push(
      toFinding(
        ENGINE_TRANSFORM,
        { messageId: 'suppression-without-reason', at: { start: at, end: at }, data: { ids: s.ids.join(' ') } },
        pass.lines,
        file,
        false,
        pass.text,
      ),
    );
  }
  return numberRepeats(sortFindings(findings));
}

function toFinding(
  transform: Transform,
  report: Report,
  lines: LineIndex,
  file: string,
  fixable: boolean,
  text: string,
): Finding {
  const meta = transform.meta;
  const start = lines.position(report.at.start);
  const end = lines.position(report.at.end);
  const spec = meta.messages[report.messageId];
  // Message ids are typed from each meta; one that is still unknown here is the transform's bug, never a silent default.
  if (!spec) throw new Error(`transform ${meta.id} reported an unknown message id "${report.messageId}"`);
  return {
    transform: meta.id,
    file,
    messageId: report.messageId,
    data: report.data ?? {},
    severity: report.severity ?? spec.severity,
    question: spec.question ?? meta.question,
    antiPattern: meta.antiPattern,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    fixable,
    fingerprint: fingerprintOf(meta.id, report.messageId, file, lineText(text, lines, start.line)),
  };
}

function lineText(text: string, lines: LineIndex, line: number): string {
  const start = lines.lineStart(line);
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).trim();
}

/**
 * A finding's identity that survives edits elsewhere in the file: what is
 * reported, where (file, not line), and the code on its line. Repeats of the
 * same code get an index when the findings of a file are put together.
 */
function fingerprintOf(transform: string, messageId: string, file: string, code: string): string {
  return createHash('sha256')
    .update(`${transform}\u0000${messageId}\u0000${path.basename(file)}\u0000${code.replace(/\s+/g, ' ')}`)
    .digest('hex')
    .slice(0, 24);
}

/** Give findings with the same fingerprint in one file an occurrence index, so each stays distinct. */
function numberRepeats(findings: Finding[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = seen.get(f.fingerprint) ?? 0;
    seen.set(f.fingerprint, n + 1);
    return n === 0 ? f : { ...f, fingerprint: `${f.fingerprint}:${n}` };
  });
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.line - b.line ||
      a.column - b.column ||
      a.transform.localeCompare(b.transform) ||
      a.messageId.localeCompare(b.messageId),
  );
}

function checksOf<L extends LanguageId>(pass: Pass<L>): Record<string, Record<string, number>> {
  const checks: Record<string, Record<string, number>> = {};
  for (const { transform, outcome } of pass.outcomes) {
    if (outcome.decision !== 'ok' || !outcome.check) continue;
    const perTransform = (checks[transform.meta.id] ??= {});
    perTransform[outcome.check] = (perTransform[outcome.check] ?? 0) + 1;
  }
  return checks;
}

function done<L extends LanguageId>(
  pass: Pass<L>,
  findings: Finding[],
  fixes: FixRecord[],
  requests: ModuleRequest[],
  unfixedFindings: Finding[],
  firstChecks: Record<string, Record<string, number>>,
  passes: number,
): ProcessOutcome {
  return {
    kind: 'done',
    text: pass.text,
    findings,
    fixes,
    requests,
    checks: checksOf(pass),
    unfixedFindings,
    firstChecks,
    passes,
  };
}

function failure(text: string, error: string): ProcessOutcome {
  return {
    kind: 'done',
    text,
    findings: [],
    fixes: [],
    requests: [],
    checks: {},
    unfixedFindings: [],
    firstChecks: {},
    error,
  };
}

/** A parse failure names its place (the front end says it); anything else its message. */
function describeFailure(error: unknown): string {
  if (error instanceof TransformCrash || error instanceof ParseFailure) return error.message;
  return error instanceof Error ? error.message : String(error);
}
