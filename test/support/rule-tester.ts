/**
 * ESLint's RuleTester shape for transforms: `valid` code yields no finding
 * and no change; `invalid` code yields exactly the listed findings (message
 * id, line, column) and, when `output` is given, becomes that text (null:
 * stays as it is). Every output is run again and must not change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/core/messages';
import { defaults, type OptionValues } from '../../src/core/options';
import { type Transform, transformWants } from '../../src/core/types';
import { processFile } from '../../src/engine/process-file';
import type { ProjectInfo } from '../../src/project/package-info';
import { JS_FRONT_END } from '../../src/frontends/js/front-end';
import { initPython } from '../../src/frontends/python/parser';
import { frontEndFor } from '../../src/registry';
import { pythonError } from './python';
import { type TestScan, scanData } from './scan';
import { eslintTable } from './eslint-table';

export interface Case {
  /** Test name; defaults to the first line of code that says something. */
  name?: string;
  code: string;
  filename?: string;
  options?: OptionValues;
  project?: Partial<ProjectInfo>;
  scan?: TestScan;
}

export interface InvalidCase extends Case {
  /** `message`, when given, must match the finding's text (ESLint's RuleTester checks it the same way). */
  errors: { messageId: string; line: number; column: number; message?: RegExp }[];
  /** The rewritten text; null: unchanged; undefined: not checked. */
  output?: string | null;
}

function run(transform: Transform, c: Case, text: string) {
  const outcome = processFile({
    path: `/project/${c.filename ?? 'file.ts'}`,
    text,
    frontEnd: frontEndFor(c.filename ?? 'file.ts') ?? JS_FRONT_END,
    transforms: [transform],
    options: { ...defaults(transform.meta.options), ...(c.options ?? {}) },
    scan: scanData(c.scan),
    scanComplete: true,
    mode: 'run',
    project: { root: '/project', dependencies: {}, esm: false, ...(c.project ?? {}) },
  });
  if (outcome.kind !== 'done') throw new Error('deferred');
  return outcome;
}

const title = (c: Case) =>
  c.name ??
  c.code
    .split('\n')
    .find((l) => /\S/.test(l) && !/^\s*(import|const \w+ = (require|new))/.test(l))
    ?.trim() ??
  c.code.slice(0, 60);

export function ruleTable(transform: Transform, table: { valid: Case[]; invalid: InvalidCase[] }): void {
  beforeAll(initPython);
  describe(`${transform.meta.id}: valid`, () => {
    for (const c of table.valid) {
      it(title(c), () => {
        const result = run(transform, c, c.code);
        expect(result.error).toBeUndefined();
        expect(result.findings.map((f) => `${f.messageId} ${f.line}:${f.column}`)).toEqual([]);
        expect(result.text).toBe(c.code);
      });
    }
  });
  describe(`${transform.meta.id}: invalid`, () => {
    for (const c of table.invalid) {
      it(title(c), () => {
        // A real run asks the prefilter first: a file it turns away is never read, whatever the gate would say.
        const filename = c.filename ?? 'file.ts';
        const language = (frontEndFor(filename) ?? JS_FRONT_END).id;
        const project = () => ({ root: '/project', dependencies: {}, esm: false, ...(c.project ?? {}) });
        expect(transformWants(transform.meta, language, c.code, project), 'the prefilter turns this file away').toBe(
          true,
        );
        const result = run(transform, c, c.code);
        expect(result.error).toBeUndefined();
        const found = [
          ...result.findings.map((f) => ({
            messageId: f.messageId,
            line: f.line,
            column: f.column,
            text: renderMessage(transform.meta, f.messageId, f.data),
          })),
          ...result.fixes.map((f) => ({ messageId: f.messageId, line: f.line, column: f.column, text: '' })),
        ];
        expect(found.map(({ text: _, ...at }) => at)).toEqual(c.errors.map(({ message: _, ...at }) => at));
        c.errors.forEach((e, i) => {
          if (e.message) expect(found[i].text).toMatch(e.message);
        });
        if (c.output !== undefined) expect(result.text).toBe(c.output ?? c.code);
        if (c.filename?.endsWith('.py') && result.text !== c.code) expect(pythonError(result.text)).toBeUndefined();
        expect(run(transform, c, result.text).text).toBe(result.text);
      });
    }
  });
  eslintTable(transform, table);
}
