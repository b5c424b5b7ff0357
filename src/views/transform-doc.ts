/**
 * One page per transform (docs/transforms/<id>.md), in ESLint's rule-doc
 * shape: what it finds and why, an example before and after, every message
 * it reports with its severity, its options, and how to run it from the CLI
 * and from ESLint. Written from the meta (so it cannot drift from what the
 * tool prints) and from the transform's own fixtures, which the tests prove.
 */
import fs from 'node:fs';
import path from 'node:path';
import { flagName } from '../core/options';
import type { OptionSpec } from '../core/options';
import type { TransformMeta } from '../core/types';
import { REVIEW_QUESTIONS } from '../engine/scorecard';

/** A fixture pair shown as the page's example. */
export interface DocExample {
  /** Code fence language: js, ts, python. */
  language: string;
  before: string;
  after: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function optionType(spec: OptionSpec): string {
  if (spec.type === 'string' && spec.enum) return spec.enum.map((v) => `\`${v}\``).join(', ');
  if (spec.type === 'string[]') return 'list of strings';
  return spec.type;
}

function optionsTable(options: Readonly<Record<string, OptionSpec>>): string {
  const rows = Object.entries(options).map(
    ([key, spec]) =>
      `| \`${key}\` | \`--${flagName(key, spec)}\` | ${optionType(spec)} | ${spec.default === undefined ? '' : `\`${JSON.stringify(spec.default)}\``} | ${cell(spec.description)} |`,
  );
  if (rows.length === 0) return 'None.\n';
  return `| config key / ESLint rule option | CLI flag | type | default | meaning |\n|---|---|---|---|---|\n${rows.join('\n')}\n`;
}

function messagesTable(meta: TransformMeta): string {
  const rows = Object.entries(meta.messages).map(
    ([id, spec]) =>
      `| \`${id}\` | ${spec.severity} | ${cell(spec.text)}${spec.fixWith ? ` (\`run\` fixes it with \`${cell(spec.fixWith)}\`)` : ''} |`,
  );
  return `A message names the site; \`{{name}}\` is filled with the code it is about.\n\n| message id | severity | message |\n|---|---|---|\n${rows.join('\n')}\n`;
}

function exampleSection(examples: readonly DocExample[]): string {
  if (examples.length === 0) return '';
  const one = (e: DocExample) =>
    `Before:\n\n\`\`\`${e.language}\n${e.before.trimEnd()}\n\`\`\`\n\nAfter \`pool-codemod run\`:\n\n\`\`\`${e.language}\n${e.after.trimEnd()}\n\`\`\`\n`;
  return `## Example\n\n${examples.map(one).join('\n')}\n`;
}

export function transformDoc(meta: TransformMeta, examples: readonly DocExample[]): string {
  const question = REVIEW_QUESTIONS[meta.question] ?? '';
  return `# ${meta.id}: ${meta.title}

${meta.docs.summary}

- Review question ${meta.question}: *${question}*
- ${meta.fixable ? 'Rewrites what it can prove safe; reports the rest with the reason.' : 'Reports only: nothing it finds is rewritten.'}
- ESLint rule: \`pool-codemod/${meta.id}\`${meta.fixable ? ' (fixes within one file; a fix that needs another file written is left to the CLI)' : ''}

## What it does

${meta.docs.description}

${exampleSection(examples)}## What it reports

${messagesTable(meta)}
## Options

${optionsTable(meta.options)}
## Running it

\`\`\`sh
npx pool-codemod run ${meta.id} src --dry   # preview the diff
npx pool-codemod run ${meta.id} src         # rewrite
npx pool-codemod audit src                  # every transform's findings, by review question
\`\`\`

In \`eslint.config.js\`, after \`poolCodemod.configs.recommended\`:
\`{ rules: { 'pool-codemod/${meta.id}': ['error'${Object.keys(meta.options).length > 0 ? ', { /* options above */ }' : ''}] } }\`.

Silence one site with \`// pool-codemod-ignore ${meta.id}: <why>\` (Python: \`# pool-codemod-ignore ${meta.id}: <why>\`) on the line before it.
`;
}

const FENCE: Record<string, string> = {
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  jsx: 'jsx',
  ts: 'ts',
  mts: 'ts',
  tsx: 'tsx',
  py: 'python',
};

/**
 * The page's examples from a transform's fixture folder: the shortest
 * JavaScript or TypeScript pair (`<name>.input.<ext>` and its
 * `<name>.output.<ext>`) of at least four lines, and the shortest Python one.
 */
export function docExamples(fixtureDir: string): DocExample[] {
  const files = fs.existsSync(fixtureDir) ? fs.readdirSync(fixtureDir).sort() : [];
  const pairs = files.flatMap((file) => {
    const m = /^(.*)\.input\.(\w+)$/.exec(file);
    const output = m && `${m[1]}.output.${m[2]}`;
    if (!m || !output || !files.includes(output)) return [];
    const before = fs.readFileSync(path.join(fixtureDir, file), 'utf8');
    const after = fs.readFileSync(path.join(fixtureDir, output), 'utf8');
    return before.split('\n').length >= 4 && FENCE[m[2]] ? [{ language: FENCE[m[2]], before, after }] : [];
  });
  const shortest = (python: boolean) =>
    pairs.filter((p) => (p.language === 'python') === python).sort((a, b) => a.before.length - b.before.length)[0];
  return [shortest(false), shortest(true)].filter((e): e is DocExample => e !== undefined);
}

/** docs/transforms/README.md: the pages, one line each. */
export function transformsIndex(metas: readonly TransformMeta[]): string {
  const rows = metas.map((m) => `| [\`${m.id}\`](${m.id}.md) | ${m.question} | ${cell(m.docs.summary)} |`);
  return `# Transforms\n\nOne page per transform: what it finds and why, an example, what it reports, its options.\n\n| transform | review question | what it does |\n|---|---|---|\n${rows.join('\n')}\n`;
}
