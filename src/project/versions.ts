/** What a package.json's version ranges allow, as far as the tool needs to know. */

/** Lowest version a semver range allows (`^3.18.0` -> [3, 18, 0]); undefined when unreadable. */
export function minimumVersion(range: string | undefined): number[] | undefined {
  const match = range?.match(/(\d+)(?:\.(\d+))?(?:\.(\d+))?/);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

export function versionAtLeast(have: number[], want: string): boolean {
  const need = want.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  }
  return true;
}
