/**
 * The same rule tables through ESLint's own RuleTester and the plugin's rule:
 * what an ESLint user gets must be what the CLI gives on the same project.
 * Each JavaScript or TypeScript case is written as a project of its own on
 * disk; `pool-codemod` (the engine, as the CLI runs it) audits and rewrites
 * it, and RuleTester then checks ESLint's run of the rule on the file:
 * - the reports are the audit's findings (message id, line and column);
 * - the output is the rewrite when it stays within the file, and no fix at
 *   all when the rewrite also writes another file (a new pool module).
 * Cases that state cross-file facts or a project by hand are the engine's
 * alone: ESLint reads those from disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import type { Transform } from '../../src/core/types';
import { forgetProjects } from '../../src/eslint/project';
import { ruleOf } from '../../src/eslint/rules';
import { run } from '../../src/engine/run';
import type { Case, InvalidCase } from './rule-tester';

// RuleTester's own checks run inside the vitest test that prepared the case (after the CLI's run of it).
RuleTester.describe = (_name: string, body: () => void) => body();
RuleTester.it = (_name: string, body: () => void) => body();

/** A case ESLint can run: JavaScript or TypeScript, with nothing stated that ESLint would read from disk. */
const eslintCase = (c: Case) => !c.filename?.endsWith('.py') && c.scan === undefined && c.project === undefined;

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser },
  settings: { 'pool-codemod': { notes: true } },
});

/** What the CLI does with the case as a one-file project: its audit's findings, and the file's rewrite. */
async function cliOn(transform: Transform, c: Case, file: string) {
  const request = {
    transforms: [transform.meta.id],
    paths: [path.dirname(file)],
    options: { format: 'none', ...(c.options ?? {}) },
    dry: true,
  };
  const audit = await run({ ...request, mode: 'audit' });
  const rewrite = await run(request);
  const own = rewrite.files.find((f) => f.path === file);
  const others = rewrite.files.filter((f) => f.path !== file && f.after !== undefined);
  return {
    findings: audit.files.flatMap((f) => f.findings),
    after: own?.after,
    othersWritten: others.length > 0,
  };
}

export function eslintTable(transform: Transform, table: { valid: Case[]; invalid: InvalidCase[] }): void {
  const cases = [...table.valid, ...table.invalid].filter(eslintCase);
  if (cases.length === 0) return;
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `pool-codemod-eslint-${transform.meta.id}-`));
  afterAll(() => {
    forgetProjects();
    fs.rmSync(base, { recursive: true, force: true });
  });
  const rule = ruleOf(transform);
  describe(`${transform.meta.id}: ESLint gives what the CLI gives`, () => {
    cases.forEach((c, index) => {
      it(
        c.name ??
          c.code
            .split('\n')
            .find((l) => /\S/.test(l) && !/^\s*import/.test(l))
            ?.trim() ??
          `case ${index}`,
        async () => {
          const file = path.join(base, String(index), c.filename ?? 'file.ts');
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, c.code);
          const cli = await cliOn(transform, c, file);
          const shared = { code: c.code, filename: file, ...(c.options ? { options: [c.options] } : {}) };
          if (cli.findings.length === 0) {
            expect(cli.after).toBeUndefined();
            tester.run(transform.meta.id, rule, { valid: [shared], invalid: [] });
            return;
          }
          const errors = cli.findings
            .map((f) => ({ messageId: f.messageId, line: f.line, column: f.column }))
            .sort((a, b) => a.line - b.line || a.column - b.column);
          const output = cli.after !== undefined && !cli.othersWritten ? cli.after : null;
          tester.run(transform.meta.id, rule, { valid: [], invalid: [{ ...shared, errors, output }] });
        },
      );
    });
  });
}
