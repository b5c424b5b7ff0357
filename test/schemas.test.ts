/** The shipped JSON Schemas are what the code generates, and the CLI's output and the config files obey them. */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { AUDIT_RESULT_SCHEMA, RUN_RESULT_SCHEMA, configSchema } from '../src/engine/schemas';
import { optionTypesText } from '../src/engine/option-types';
import { TRANSFORMS } from '../src/registry';
import { docsUrl } from '../src/views/docs-url';
import { docExamples, transformDoc, transformsIndex } from '../src/views/transform-doc';
import { ESCAPING, LEAKY, cli, project } from './support/cli';

const onDisk = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'schema', name), 'utf8'));

describe('JSON schemas', () => {
  it('schema/*.json are up to date (npm run schemas writes them)', () => {
    expect(onDisk('pool-codemod.config.schema.json')).toEqual(JSON.parse(JSON.stringify(configSchema(TRANSFORMS))));
    expect(onDisk('run-result.schema.json')).toEqual(JSON.parse(JSON.stringify(RUN_RESULT_SCHEMA)));
    expect(onDisk('audit-result.schema.json')).toEqual(JSON.parse(JSON.stringify(AUDIT_RESULT_SCHEMA)));
  });

  it('every --json document the CLI prints is valid: changes, findings, failures, usage errors', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(onDisk('run-result.schema.json'));
    const dir = project({ 'a.ts': LEAKY, 'b.ts': ESCAPING, 'c.ts': 'pool.connect( {\n' });
    for (const args of [
      ['run', 'all', '.', '--dry', '--json'],
      ['run', 'nope', '.', '--json'],
      ['run', 'all', '.', '--json', '--jobs', 'x'],
    ]) {
      const doc = JSON.parse(cli(dir, ...args).stdout);
      expect(validate(doc), `${args.join(' ')}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});

describe('option types', () => {
  it('src/generated/options.ts is up to date (npm run schemas writes it)', () => {
    const onDiskTypes = fs.readFileSync(path.join(__dirname, '..', 'src', 'generated', 'options.ts'), 'utf8');
    expect(onDiskTypes).toBe(optionTypesText(TRANSFORMS));
  });
});

describe('transform pages', () => {
  it('docs/transforms/*.md are up to date (npm run schemas writes them), and each finding links to its page', () => {
    const root = path.join(__dirname, '..');
    const page = (name: string) => fs.readFileSync(path.join(root, 'docs', 'transforms', name), 'utf8');
    for (const t of TRANSFORMS) {
      const expected = transformDoc(t.meta, docExamples(path.join(root, '__testfixtures__', t.meta.id)));
      expect(page(`${t.meta.id}.md`), t.meta.id).toBe(expected);
      expect(docsUrl(t.meta.id)).toMatch(new RegExp(`/docs/transforms/${t.meta.id}\\.md$`));
    }
    expect(page('README.md')).toBe(transformsIndex(TRANSFORMS.map((t) => t.meta)));
    const doc = JSON.parse(cli(project({ 'a.ts': LEAKY }), 'run', 'all', '.', '--dry', '--json').stdout);
    const finding = doc.files.flatMap((f: { findings: { transform: string; docs?: string }[] }) => f.findings)[0];
    expect(finding.docs).toBe(docsUrl(finding.transform));
  });
});
