/**
 * Real code nobody here wrote: every transform, dry, over the installed
 * sources of database libraries and ORMs (thousands of files, many with
 * genuine acquire/release code). No crash, every changed output parses and is
 * a fixed point, and nothing is written.
 */
import { emptyScanData } from '../src/core/facts';
import { JS_FRONT_END } from '../src/frontends/js/front-end';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processFile } from '../src/engine/process-file';
import { run } from '../src/engine/run';
import { parseFile } from '../src/frontends/js/parse';
import { TRANSFORMS } from '../src/registry';
import PACKAGES from '../bench/corpus-packages.json';

// The installed database libraries (devDependencies), the same list the bench reads.
export const CORPUS = PACKAGES.map((p) => path.join(__dirname, '..', 'node_modules', p));

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
    // The corpus lives in node_modules: the run is pointed at each package directory, which it then searches.
    const result = await run({ transforms: 'all', paths: CORPUS, dry: true, options: { format: 'none', jobs: 1 } });
    expect(fingerprint(CORPUS)).toBe(before);

    const failed = result.files.filter((f) => f.status === 'error');
    const crashes = failed.filter((f) => !f.reason?.startsWith('cannot parse'));
    expect(crashes.map((f) => `${f.path}: ${f.reason}`)).toEqual([]);

    const changed = result.files.filter((f) => f.status === 'changed');
    for (const file of changed) {
      expect(() => parseFile(file.path, file.after ?? '')).not.toThrow();
      const again = processFile({
        path: file.path,
        text: file.after ?? '',
        frontEnd: JS_FRONT_END,
        transforms: TRANSFORMS,
        options: result.options,
        scan: emptyScanData(),
        scanComplete: true,
        mode: 'run',
      });
      expect(again.kind === 'done' && again.text, `fixed point: ${file.path}`).toBe(file.after);
    }

    const byMessage: Record<string, number> = {};
    for (const f of result.files)
      for (const finding of f.findings) byMessage[finding.messageId] = (byMessage[finding.messageId] ?? 0) + 1;
    const s = result.summary;
    console.log(
      [
        'corpus:',
        `  files ${s.files}, analysed ${s.analysed}, skipped ${JSON.stringify(s.skipped)}, changed ${s.changed}, unparsable ${failed.length - crashes.length}, crashes ${crashes.length}`,
        `  findings per transform: ${JSON.stringify(s.findings)}`,
        `  findings per message: ${JSON.stringify(byMessage)}`,
        ...failed
          .slice(0, 5)
          .map((f) => `  failed: ${path.relative(process.cwd(), f.path)}: ${f.reason?.split('\n')[0]}`),
        `  elapsed ${(s.elapsedMs / 1000).toFixed(1)}s`,
      ].join('\n'),
    );
    expect(s.files).toBeGreaterThan(2000);
  }, 300_000);
});
