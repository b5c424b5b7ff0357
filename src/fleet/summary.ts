/**
 * The fleet's JSON-lines summary: one line per repository, in the order the
 * repositories were given, each with the same keys in the same order, so
 * two runs over the same inputs differ only in `durationMs`.
 */
import fs from 'node:fs';
import path from 'node:path';

export type FleetStatus = 'changed' | 'would-change' | 'unchanged' | 'audited' | 'dirty' | 'failed' | 'timeout';

export interface FleetLine {
  repo: string;
  status: FleetStatus;
  /** Files the run changed (or would change, dry), relative to the repository. */
  changedFiles: string[];
  /** Files the run created (a shared pool module, a helper). */
  createdFiles: string[];
  /** Fixes per transform. */
  fixes: Record<string, number>;
  /** Findings left for people, per review question (`0`: the tool's own directives). */
  findingsByQuestion: Record<string, number>;
  branch: string | null;
  committed: boolean;
  /** The pull-request body written for this repository, relative to where the fleet ran. */
  prBody: string | null;
  /** The repository run's exit code (null when it never finished). */
  exitCode: number | null;
  durationMs: number;
  error: string | null;
}

const KEYS: (keyof FleetLine)[] = [
  'repo',
  'status',
  'changedFiles',
  'createdFiles',
  'fixes',
  'findingsByQuestion',
  'branch',
  'committed',
  'prBody',
  'exitCode',
  'durationMs',
  'error',
];

function canonical(line: FleetLine): string {
  return JSON.stringify(Object.fromEntries(KEYS.map((k) => [k, line[k]])));
}

/** The lines of an earlier run, by repository (a missing file is an empty summary; a torn last line is dropped). */
export function readSummary(file: string): Map<string, FleetLine> {
  const lines = new Map<string, FleetLine>();
  if (!fs.existsSync(file)) return lines;
  for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
    if (text.trim() === '') continue;
    try {
      const line = JSON.parse(text) as FleetLine;
      if (typeof line.repo === 'string' && typeof line.status === 'string') lines.set(line.repo, line);
    } catch {
      // a line cut short when a run was killed mid-write: that repository runs again
    }
  }
  return lines;
}

/** Replace the summary as a whole (temp file and rename), so a reader never sees half of it. */
export function writeSummary(file: string, lines: readonly FleetLine[]): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, lines.map((l) => `${canonical(l)}\n`).join(''));
  fs.renameSync(temp, file);
}

function questions(counts: Record<string, number>): string {
  return (
    Object.entries(counts)
      .map(([q, n]) => (q === '0' ? `directives ${n}` : `Q${q} ${n}`))
      .join(', ') || '-'
  );
}

/** The table printed at the end of a fleet run. */
export function summaryTable(lines: readonly FleetLine[]): string {
  const rows = [['repository', 'status', 'files', 'findings', 'seconds', 'note']];
  for (const l of lines)
    rows.push([
      l.repo,
      l.status + (l.committed ? ` (${l.branch})` : ''),
      String(l.changedFiles.length + l.createdFiles.length),
      questions(l.findingsByQuestion),
      (l.durationMs / 1000).toFixed(1),
      l.error ?? '',
    ]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const render = (r: string[]): string =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.status, (counts.get(l.status) ?? 0) + 1);
  const totals = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
  return [render(rows[0]), ...rows.slice(1).map(render), '', `${lines.length} repositories: ${totals}`].join('\n');
}
