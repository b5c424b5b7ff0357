/** `pool-codemod list`: the transforms, their messages' subjects, their options and defaults. */
import { createColors } from 'picocolors';
import type { Argv } from 'yargs';
import { flagName } from '../core/options';
import { TRANSFORMS } from '../registry';
import { EXIT, defineCommand, useColor } from './common';

function listCommand(json: boolean): number {
  if (json) {
    const rows = TRANSFORMS.map((t) => ({
      ...t.meta,
      prefilter: Object.fromEntries(Object.entries(t.meta.prefilter).map(([l, tests]) => [l, tests.map(String)])),
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const c = createColors(useColor(process.stdout));
  for (const m of TRANSFORMS.map((t) => t.meta)) {
    process.stdout.write(
      `${c.bold(m.id)}  ${m.title}\n  anti-pattern ${m.antiPattern}, review question ${m.question}${m.fixable ? '' : ' (reports only)'}\n  ${m.docs.description}\n`,
    );
    for (const [key, spec] of Object.entries(m.options)) {
      process.stdout.write(
        `  --${flagName(key, spec)}: ${spec.description}${spec.default !== undefined ? ` (default: ${JSON.stringify(spec.default)})` : ''}\n`,
      );
    }
  }
  return EXIT.ok;
}

export const LIST = defineCommand({
  command: 'list',
  describe: 'list the transforms, their options and defaults',
  builder: (y: Argv) => y.option('json', { type: 'boolean', default: false }),
  examples: [
    ['$0 list', 'the transforms, what each finds, and their options'],
    ['$0 list --json', 'the same as JSON (messages, option schemas, defaults)'],
  ],
  run: (args) => listCommand(args.json),
});
