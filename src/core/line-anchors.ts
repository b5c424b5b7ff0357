/**
 * The first step of patience diff: lines that occur once in each of two
 * texts, matched in the same order. Diffing only the stretches between them
 * keeps line diffs fast on big files with many scattered changes, where one
 * Myers diff of the whole file costs its lines times its changes (a
 * generated file of 4,000 rewritten functions took over a minute). Used by
 * the diff view and by the placement of dry-run findings.
 */

/**
 * Positions (in `a` and `b`) of lines unique in both, in increasing order in
 * both (the longest such run). `key` says when two lines are the same line
 * (the diff view compares them whole; the placement of findings ignores
 * indentation).
 */
export function lineAnchors(
  a: readonly string[],
  b: readonly string[],
  key: (line: string) => string = (line) => line,
): [number, number][] {
  const count = (lines: readonly string[]) => {
    const seen = new Map<string, number>();
    lines.forEach((l, i) => {
      const k = key(l);
      seen.set(k, seen.has(k) ? -1 : i);
    });
    return seen;
  };
  const inA = count(a);
  const inB = count(b);
  const pairs: [number, number][] = [];
  for (const [line, i] of inA) {
    const j = inB.get(line);
    if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  // Longest increasing subsequence of the b positions (patience sorting with back links).
  const tails: number[] = [];
  const back: number[] = [];
  pairs.forEach(([, j], k) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pairs[tails[mid]][1] < j) low = mid + 1;
      else high = mid;
    }
    back[k] = low > 0 ? tails[low - 1] : -1;
    tails[low] = k;
  });
  const out: [number, number][] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1] : -1; k >= 0; k = back[k]) out.push(pairs[k]);
  return out.reverse();
}
