/**
 * The fixture suite: every `__testfixtures__/<id>/<case>.input.<ext>` must
 * become `<case>.output.<ext>` (or stay byte-identical when there is none),
 * report exactly `<case>.findings.json`, and every output must be a fixed
 * point: running the transform on it changes nothing (OpenRewrite's two
 * cycles).
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { placeholders, renderMessage } from '../src/core/messages';
import { initPython } from '../src/frontends/python/parser';
import { TRANSFORMS } from '../src/registry';
import { casesOf, expectedFindings, runCase } from './support/fixtures';
import { pythonError } from './support/python';

beforeAll(initPython);

for (const transform of TRANSFORMS) {
  const id = transform.meta.id;
  const cases = casesOf(id);
  describe(`fixtures: ${id}`, () => {
    it('has fixture cases', () => {
      expect(cases.length).toBeGreaterThan(0);
    });
    for (const c of cases) {
      it(c.name, () => {
        const source = fs.readFileSync(c.input, 'utf8');
        const result = runCase(c, transform, source);
        expect(result.error).toBeUndefined();
        const expected = c.output ? fs.readFileSync(c.output, 'utf8') : source;
        expect(result.text).toBe(expected);

        const wanted = expectedFindings(c);
        const got = result.findings.map((f) => ({ line: f.line, column: f.column, messageId: f.messageId }));
        // A findings file that leaves a column out says so on purpose: any column, never the one it happens to get.
        expect(got).toEqual(
          wanted.map((w) => ({ line: w.line, column: w.column ?? expect.any(Number), messageId: w.messageId })),
        );
        for (const f of result.findings) {
          expect(f.transform).toBe(id);
          expect(f.question).toBe(transform.meta.messages[f.messageId]?.question ?? transform.meta.question);
          const message = renderMessage(transform.meta, f.messageId, f.data);
          // Every placeholder is filled: nothing like `{{client}}` reaches a user.
          expect(placeholders(message)).toEqual([]);
        }

        // Python's own parser accepts every Python output.
        if (c.input.endsWith('.py') && result.text !== source) expect(pythonError(result.text)).toBeUndefined();

        // Fixed point: a second run over the output changes nothing.
        const again = runCase(c, transform, result.text);
        expect(again.error).toBeUndefined();
        expect(again.text).toBe(result.text);
      });
    }
  });
}
