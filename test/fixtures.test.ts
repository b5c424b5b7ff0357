/**
 * The fixture suite: every `__testfixtures__/<id>/<case>.input.<ext>` must
 * become `<case>.output.<ext>` (or stay byte-identical when there is none),
 * report exactly `<case>.findings.json` (reason and line), and every output
 * must be a fixed point: running the transform on it changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { transformSource } from '../src/runner/transform-file';
import { TRANSFORMS } from '../src/runner/registry';
import type { TransformOptions } from '../src/runner/types';

const ROOT = path.join(__dirname, '..', '__testfixtures__');

interface Case {
  name: string;
  input: string;
  output?: string;
  findings?: string;
  options?: string;
}

function casesOf(id: string): Case[] {
  const dir = path.join(ROOT, id);
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir);
  return files
    .filter((f) => /\.input\.[a-z]+$/.test(f))
    .map((input) => {
      const name = input.replace(/\.input\.[a-z]+$/, '');
      const ext = path.extname(input);
      const maybe = (f: string) => (files.includes(f) ? path.join(dir, f) : undefined);
      return {
        name,
        input: path.join(dir, input),
        output: maybe(`${name}.output${ext}`),
        findings: maybe(`${name}.findings.json`),
        options: maybe(`${name}.options.json`),
      };
    });
}

function optionsOf(c: Case): TransformOptions {
  if (!c.options) return {};
  const raw = JSON.parse(fs.readFileSync(c.options, 'utf8'));
  // Relative module paths (helper module, shared pools) are relative to the fixture directory.
  const fromFixtures = (p: string) => path.resolve(path.dirname(c.input), p);
  if (raw.helperModule) raw.helperModule = fromFixtures(raw.helperModule);
  for (const pool of raw.sharedPools ?? []) pool.path = fromFixtures(pool.path);
  return raw;
}

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
        const options = optionsOf(c);
        const result = transformSource(c.input, source, [id], options);
        expect(result.error).toBeUndefined();
        const expected = c.output ? fs.readFileSync(c.output, 'utf8') : source;
        expect(result.after).toBe(expected);
        expect(result.changed).toBe(c.output !== undefined);

        const wanted = c.findings ? JSON.parse(fs.readFileSync(c.findings, 'utf8')) : [];
        const got = result.findings.map((f) => ({ line: f.line, reason: f.reason }));
        expect(got).toEqual(wanted);
        for (const f of result.findings) {
          expect(f.transform).toBe(id);
          expect(f.question).toBe(transform.meta.question);
          expect(f.message.length).toBeGreaterThan(20);
        }

        // Fixed point: a second run over the output changes nothing.
        const again = transformSource(c.input, result.after, [id], options);
        expect(again.error).toBeUndefined();
        expect(again.after).toBe(result.after);
      });
    }
  });
}
