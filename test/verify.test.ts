/** --verify on TypeScript: a rewrite is rolled back for what it breaks, not for the checker's missing environment. */
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { run } from '../src/index';
import { project } from './support/cli';

const TSCONFIG = JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['ES2023'], strict: true } });
/** A script whose pool gets an error listener (console.error): `console` is not in lib ES2023 without @types/node. */
const script = (before: string) =>
  [
    "import { Pool } from 'pg';",
    'async function main(): Promise<void> {',
    '  const pool = new Pool();',
    "  await pool.query('SELECT 1');",
    before,
    '  await pool.end();',
    '}',
    'void main();',
    '',
  ].join('\n');

async function verified(source: string): Promise<{ written: boolean; reason?: string }> {
  const dir = project({
    'package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
    'tsconfig.json': TSCONFIG,
    'scripts/seed.ts': source,
  });
  const result = await run({
    transforms: ['pool-monitoring'],
    paths: [dir],
    dry: true,
    config: false,
    options: { verify: true },
  });
  const file = result.files.find((f) => f.path.endsWith('seed.ts'))!;
  expect(fs.existsSync(file.path)).toBe(true);
  return { written: file.status === 'changed', reason: file.reason };
}

it('keeps a rewrite whose only new diagnostic is a global the original already could not find (console without @types/node)', async () => {
  expect(await verified(script("  console.warn('seeded');"))).toEqual({ written: true, reason: undefined });
});

it('rolls back a rewrite that brings in a global the original never used', async () => {
  const { written, reason } = await verified(script(''));
  expect(written).toBe(false);
  expect(reason).toMatch(/--verify rolled the rewrite back: .*TS2584: Cannot find name 'console'/);
});
