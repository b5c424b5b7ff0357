/**
 * Real code nobody here wrote: every transform, dry, over the installed
 * sources of database libraries and ORMs (thousands of files, many with
 * genuine acquire/release code). No crash, every changed output parses and is
 * a fixed point, and nothing is written.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parserFor } from '../src/runner/parser';
import { run } from '../src/runner/run';
import { transformSource } from '../src/runner/transform-file';

export const CORPUS = ['typeorm', 'sequelize', 'knex', 'pg-promise', 'pg', 'pg-pool', 'mysql2', 'mysql', 'generic-pool', 'kysely', 'drizzle-orm', 'graphile-worker', 'pg-boss', 'node-pg-migrate', 'connect-pg-simple'].map((p) =>
  path.join(__dirname, '..', 'node_modules', p),
);

function fingerprint(dirs: string[]): string {
  const hash = crypto.createHash('sha256');
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) hash.update(full).update(fs.readFileSync(full));
    }
  };
  dirs.forEach(visit);
  return hash.digest('hex');
}

describe('corpus: installed database libraries', () => {
  it('runs every transform dry without a crash; changed outputs parse and are fixed points; nothing is written', async () => {
    for (const dir of CORPUS) expect(fs.existsSync(dir), `${dir} (a devDependency) is installed`).toBe(true);
    const before = fingerprint(CORPUS);
    const result = await run({ transforms: 'all', paths: CORPUS, dry: true, format: 'none', jobs: 1 });
    expect(fingerprint(CORPUS)).toBe(before);

    const crashes = result.files.filter((f) => f.error && !f.error.startsWith('cannot parse'));
    const unparsable = result.files.filter((f) => f.error?.startsWith('cannot parse'));
    expect(crashes.map((f) => `${f.path}: ${f.error}`)).toEqual([]);

    const changed = result.files.filter((f) => f.changed);
    for (const file of changed) {
      expect(() => parserFor(file.path).parse(file.after)).not.toThrow();
      const again = transformSource(file.path, file.after, 'all');
      expect(again.after, `fixed point: ${file.path}`).toBe(file.after);
    }

    const reasons: Record<string, number> = {};
    for (const f of result.files) for (const finding of f.findings) reasons[finding.reason] = (reasons[finding.reason] ?? 0) + 1;
    const s = result.summary;
    console.log(
      [
        'corpus:',
        `  files ${s.scanned}, skipped by pre-filter ${s.skipped}, parsed ${s.scanned - s.skipped}, changed ${s.changed}, unparsable ${unparsable.length}, crashes ${crashes.length}`,
        `  findings per transform: ${JSON.stringify(s.findings)}`,
        `  findings per reason: ${JSON.stringify(reasons)}`,
        ...unparsable.slice(0, 5).map((f) => `  unparsable: ${path.relative(process.cwd(), f.path)}: ${f.error!.split('\n')[0]}`),
        `  elapsed ${(s.elapsedMs / 1000).toFixed(1)}s`,
      ].join('\n'),
    );
    expect(s.scanned).toBeGreaterThan(2000);
  }, 300_000);
});
