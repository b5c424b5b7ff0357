/**
 * The style matrix: every fixture input is regenerated in other code styles.
 * JavaScript and TypeScript (with prettier): tabs; 4 spaces; no semicolons
 * with single quotes; double quotes with semicolons and CRLF line endings.
 * For each, the rewrite must parse, be a fixed point, find the same sites,
 * keep the file's style (indentation, quotes, semicolons, line endings), and
 * be the same code as the rewrite in the fixture's own style.
 * Python: tabs; 2 spaces; single quotes; CRLF with a coding line. There the
 * rewrite must compile, be a fixed point, find the same sites, and be exactly
 * the fixture's own rewrite regenerated in that style: what the tool inserts
 * is indented, quoted and line-ended as the file is.
 */
import fs from 'node:fs';
import * as prettier from 'prettier';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectFacts } from '../src/frontends/js/facts';
import { parseFile } from '../src/frontends/js/parse';
import { TRANSFORMS } from '../src/registry';
import { initPython } from '../src/frontends/python/parser';
import { type Case, casesOf, runCase } from './support/fixtures';
import { type PyRestyle, pythonError, restylePython } from './support/python';

const STYLES: Record<string, prettier.Options> = {
  tabs: { useTabs: true },
  'four-spaces': { tabWidth: 4 },
  'no-semicolons': { semi: false, singleQuote: true },
  'double-quotes-crlf': { semi: true, singleQuote: false, endOfLine: 'crlf' },
};

/** The style facts a reader would notice. */
function styleOf(file: string, text: string) {
  const facts = collectFacts(parseFile(file, text), text);
  return { eol: facts.style.eol, indent: facts.style.indent, quote: facts.style.quote, semi: facts.style.semi };
}

/**
 * The syntax tree without positions, comments or raw spellings: what the code
 * is, not how it is laid out. Also set aside: the `;` a file without
 * semicolons needs before a line starting with `(`, and JSX text that is only
 * line breaks and indentation (JSX drops it).
 */
function codeShape(file: string, text: string): unknown {
  const ignored = new Set([
    'start',
    'end',
    'loc',
    'range',
    'extra',
    'comments',
    'leadingComments',
    'trailingComments',
    'innerComments',
    'tokens',
  ]);
  return JSON.parse(
    JSON.stringify(parseFile(file, text).program, (key, value: unknown) => {
      if (ignored.has(key)) return undefined;
      if (Array.isArray(value))
        return value.filter((v) => !(v && typeof v === 'object' && (v as { type?: string }).type === 'EmptyStatement'));
      if (value && typeof value === 'object' && (value as { type?: string }).type === 'JSXText') {
        const jsx = value as { value: string };
        return {
          type: 'JSXText',
          value: jsx.value.includes('\n') ? jsx.value.replace(/\s*\n\s*/g, ' ').trim() : jsx.value,
        };
      }
      return value;
    }),
  );
}

async function format(file: string, text: string, options: prettier.Options): Promise<string> {
  return prettier.format(text, { filepath: file, printWidth: 100, ...options });
}

const PY_STYLES: Record<string, PyRestyle> = {
  tabs: { indent: '\t' },
  'two-spaces': { indent: '  ' },
  'single-quotes': { quote: "'" },
  'crlf-with-coding-line': { eol: '\r\n', coding: true },
};

const isPython = (c: Case) => c.input.endsWith('.py');

const withoutFinalNewline = (text: string) => text.replace(/(\r?\n)+$/, '');

beforeAll(initPython);

for (const transform of TRANSFORMS) {
  const cases = casesOf(transform.meta.id);
  describe(`style matrix: ${transform.meta.id}`, () => {
    for (const c of cases.filter(isPython)) {
      for (const [styleName, style] of Object.entries(PY_STYLES)) {
        it(`${c.name} in ${styleName}`, () => {
          const canonicalInput = fs.readFileSync(c.input, 'utf8');
          const canonical = runCase(c, transform, canonicalInput);
          const input = restylePython(canonicalInput, style);
          const result = runCase(c, transform, input);
          expect(result.error).toBeUndefined();
          expect(pythonError(result.text)).toBeUndefined();
          expect(runCase(c, transform, result.text).text).toBe(result.text);
          expect(result.findings.map((f) => f.messageId)).toEqual(canonical.findings.map((f) => f.messageId));
          expect(result.fixes.map((f) => f.messageId)).toEqual(canonical.fixes.map((f) => f.messageId));
          expect(result.text).toBe(restylePython(canonical.text, style));
        });
      }
    }
    // A file whose last line has no line break keeps it so: what is inserted at its end brings the break before it.
    for (const c of cases) {
      it(`${c.name} with no final newline`, () => {
        const canonicalInput = fs.readFileSync(c.input, 'utf8');
        const canonical = runCase(c, transform, canonicalInput);
        const input = withoutFinalNewline(canonicalInput);
        const result = runCase(c, transform, input);
        expect(result.error).toBeUndefined();
        expect(runCase(c, transform, result.text).text).toBe(result.text);
        expect(result.findings.map((f) => f.messageId)).toEqual(canonical.findings.map((f) => f.messageId));
        expect(result.fixes.map((f) => f.messageId)).toEqual(canonical.fixes.map((f) => f.messageId));
        expect(result.text).toBe(withoutFinalNewline(canonical.text));
      });
    }
    for (const c of cases.filter((c) => !isPython(c))) {
      for (const [styleName, options] of Object.entries(STYLES)) {
        it(`${c.name} in ${styleName}`, async () => {
          const canonicalInput = fs.readFileSync(c.input, 'utf8');
          const canonical = runCase(c, transform, canonicalInput);
          const input = await format(c.input, canonicalInput, options);
          const result = runCase(c, transform, input);
          expect(result.error).toBeUndefined();
          // Parses, and a second run changes nothing.
          expect(() => parseFile(c.input, result.text)).not.toThrow();
          expect(runCase(c, transform, result.text).text).toBe(result.text);
          // The same sites are found.
          expect(result.findings.map((f) => f.messageId)).toEqual(canonical.findings.map((f) => f.messageId));
          expect(result.fixes.map((f) => f.messageId)).toEqual(canonical.fixes.map((f) => f.messageId));
          expect(result.text !== input).toBe(canonical.text !== canonicalInput);
          if (result.text === input) return;
          // The file's style is kept in what the tool wrote.
          expect(styleOf(c.input, result.text)).toEqual(styleOf(c.input, input));
          // The same code as the rewrite in the fixture's own style (layout and comments aside: a comment
          // the tool writes beside a value goes only where the object spans lines).
          const [mine, theirs] = await Promise.all([
            format(c.input, result.text, options),
            format(c.input, canonical.text, options),
          ]);
          expect(codeShape(c.input, mine)).toEqual(codeShape(c.input, theirs));
        });
      }
    }
  });
}
