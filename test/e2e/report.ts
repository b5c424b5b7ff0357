/**
 * The figures the e2e suite measured, printed as one table at the end of
 * each e2e file: what the anti-pattern costs before the rewrite and after.
 */
export interface Figure {
  scenario: string;
  measure: string;
  before: string | number;
  after: string | number;
}

const figures: Figure[] = [];

export function record(figure: Figure): void {
  figures.push(figure);
}

export function printFigures(title: string): void {
  if (figures.length === 0) return;
  const rows = [
    ['scenario', 'measure', 'before', 'after'],
    ...figures.map((f) => [f.scenario, f.measure, String(f.before), String(f.after)]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const table = [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join(
    '\n',
  );
  console.log(`\n${title}\n${table}\n`);
  figures.length = 0;
}
