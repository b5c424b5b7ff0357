/** The programmatic API does what the CLI does, returns it as data, and never prints or exits. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { UsageError, audit, listTransforms, run } from '../src/index';
import { LEAKY, project } from './support/cli';

describe('API', () => {
  it('run with dry returns each file before and after, and writes nothing', async () => {
    const dir = project({ 'a.ts': LEAKY });
    const result = await run({ paths: [dir], transforms: ['release-in-finally'], dry: true, config: false });
    const file = result.files.find((f) => f.path.endsWith('a.ts'));
    expect(file?.before).toBe(LEAKY);
    expect(file?.after).toContain('finally');
    expect(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe(LEAKY);
  });

  it('the summary counts files by the passes they took: one for a file with nothing to fix; the options three transforms add to one config in one pass', async () => {
    const settled = `import { Pool } from 'pg';\nconst pool = new Pool({ max: 48, connectionTimeoutMillis: 5000, statement_timeout: 30000 });\npool.on('error', (e) => console.error(e));\nexport const q = () => pool.query('SELECT 1');\n`;
    const dir = project({ 'a.ts': LEAKY, 'c.ts': settled, 'b.ts': 'export const x = 1;\n' });
    const result = await run({
      paths: [dir],
      dry: true,
      config: false,
      options: { dbMaxConnections: 100, instances: 2 },
    });
    expect(result.summary.passes).toEqual({ '1': 1, '2': 1 });
    const after = result.files.find((f) => f.path.endsWith('a.ts'))?.after ?? '';
    expect(after).toMatch(/new Pool\(\{ max: \d+, connectionTimeoutMillis: 5000, statement_timeout: 30000 \}\)/);
  });

  it('run without dry writes the change', async () => {
    const dir = project({ 'a.ts': LEAKY });
    await run({ paths: [dir], transforms: ['release-in-finally'], config: false });
    expect(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8')).toContain('finally');
  });

  it('an unknown option throws UsageError naming it, and nothing is printed', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    const dir = project({ 'a.ts': LEAKY });
    await expect(run({ paths: [dir], options: { styel: 'helper' } as never, config: false })).rejects.toThrow(
      UsageError,
    );
    await expect(run({ paths: [dir], options: { styel: 'helper' } as never, config: false })).rejects.toThrow(/style/);
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
  });

  it('audit answers the eight questions and lists the findings', async () => {
    const dir = project({ 'a.ts': LEAKY });
    const result = await audit({ paths: [dir], config: false });
    expect(result.scorecard.map((s) => s.question)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.findings.some((f) => f.transform === 'release-in-finally')).toBe(true);
  });

  it('listTransforms names every transform with its options and messages', () => {
    const list = listTransforms();
    expect(list.map((t) => t.id)).toContain('release-in-finally');
    for (const t of list) {
      expect(Object.keys(t.messages).length).toBeGreaterThan(0);
      expect(t.antiPattern).toBeGreaterThanOrEqual(1);
    }
  });
});
