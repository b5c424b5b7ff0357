/** A listener the run adds meets the project's test mocks: where a hand-built mock of the driver has no `on`, it is said. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/index';
import { project } from './support/cli';

const DB = "const { Pool } = require('pg');\nconst pool = new Pool({ max: 5 });\nmodule.exports = pool;\n";

async function notes(dir: string): Promise<string[]> {
  const result = await run({ transforms: ['pool-monitoring'], paths: [dir], dry: true, config: false });
  return result.files
    .flatMap((f) => f.findings)
    .filter((f) => f.messageId === 'driver-mocked-in-tests')
    .map((f) => `${f.line}:${f.column} ${f.data.module} ${f.data.file}`);
}

describe('driver mocks in the tests', () => {
  it('a jest factory mock of pg whose Pool has no `on`: the added listener is named beside the fix', async () => {
    const dir = project({
      'package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
      'db.js': DB,
      'test/db.test.js':
        "jest.mock('pg', () => ({ Pool: jest.fn(() => ({ query: jest.fn() })) }));\nrequire('../db');\n",
    });
    expect(await notes(dir)).toEqual([`2:14 pg ${path.join('test', 'db.test.js')}`]);
  });

  it('a mock that gives the pool an `on`, an automatic jest.mock, or no mock: nothing to say', async () => {
    const base = { 'package.json': JSON.stringify({ dependencies: { pg: '^8' } }), 'db.js': DB };
    const withOn = "jest.mock('pg', () => ({ Pool: jest.fn(() => ({ query: jest.fn(), on: jest.fn() })) }));\n";
    expect(await notes(project({ ...base, 'test/db.test.js': withOn }))).toEqual([]);
    expect(await notes(project({ ...base, 'test/db.test.js': "jest.mock('pg');\n" }))).toEqual([]);
    expect(await notes(project(base))).toEqual([]);
  });
});
