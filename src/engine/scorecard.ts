/**
 * The eight review questions, answered for a code base: for each, a
 * verdict (yes, no, partly, or not applicable), computed from the findings
 * and from the sites checked and found fine, with counts and the worst sites.
 */
import type { Finding, Severity, Transform } from '../core/types';
import type { RunResult } from './run';

export const REVIEW_QUESTIONS: Record<number, string> = {
  1: 'Is connection pooling used?',
  2: 'Are connections always released (try/finally or a scoped helper)?',
  3: 'Is pool size appropriate for the workload?',
  4: 'Are connection and statement timeouts configured?',
  5: 'Would PgBouncer work (is the code free of session state)?',
  6: 'Are connections released during I/O?',
  7: 'Is connection pool health monitored?',
  8: 'Are connection errors handled and logged?',
};

/** Checks that say a site is not of the kind a question is about (not a checkout, a pool made per call): not counted as fine. */
const NOT_A_SITE = new Set(['not-a-checkout', 'per-call-pool', 'dynamic-sql', 'not-top-level', 'no-error-event']);

type Verdict = 'yes' | 'no' | 'partly' | 'n/a';

export interface QuestionScore {
  question: number;
  text: string;
  verdict: Verdict;
  /** Findings by severity (baseline findings excluded). */
  findings: Record<Severity, number>;
  /** Sites checked and found fine. */
  fine: number;
  /** Findings `run` fixes. */
  fixable: number;
  /** Transforms that answer the question, with what each found. */
  transforms: { id: string; fine: number; findings: number; checks: Record<string, number> }[];
  /** The most severe findings, first three. */
  worst: Finding[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

export function scorecard(
  result: RunResult,
  transforms: readonly Transform[],
  ignored: (f: Finding) => boolean = () => false,
): QuestionScore[] {
  const findings = result.files.flatMap((r) => r.findings).filter((f) => !ignored(f));
  return Object.entries(REVIEW_QUESTIONS).map(([q, text]) => {
    const question = Number(q);
    const mine = findings.filter((f) => f.question === question);
    const owners = transforms.filter(
      (t) => t.meta.question === question || Object.values(t.meta.messages).some((m) => m.question === question),
    );
    const perTransform = owners.map((t) => {
      const answers = (check: string) => (t.meta.checkQuestions?.[check] ?? t.meta.question) === question;
      const checks = Object.fromEntries(
        Object.entries(result.checks[t.meta.id] ?? {}).filter(([check]) => !NOT_A_SITE.has(check) && answers(check)),
      );
      // A transform that answers two questions counts each fine site under the question its check answers.
      const fine = Object.values(checks).reduce((a, b) => a + b, 0);
      return { id: t.meta.id, fine, findings: mine.filter((f) => f.transform === t.meta.id).length, checks };
    });
    const bySeverity: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
    for (const f of mine) bySeverity[f.severity]++;
    const fine = perTransform.reduce((a, t) => a + t.fine, 0);
    const problems = bySeverity.error + bySeverity.warning;
    // Fine sites and no problems: yes; only notes (something to look at, nothing wrong for sure): partly.
    const verdict: Verdict =
      problems === 0 ? (fine > 0 ? 'yes' : bySeverity.note > 0 ? 'partly' : 'n/a') : fine === 0 ? 'no' : 'partly';
    const worst = [...mine]
      .sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.file.localeCompare(b.file) || a.line - b.line)
      .slice(0, 3);
    return {
      question,
      text,
      verdict,
      findings: bySeverity,
      fine,
      fixable: mine.filter((f) => f.fixable).length,
      transforms: perTransform,
      worst,
    };
  });
}
