/**
 * The engine's own options (how a run goes, whatever the transforms), as
 * option specs like the transforms': the same flags, config keys and
 * validation. Command-only switches (--dry, --json, --check, --patch,
 * --allow-dirty) are not here: they say what to do with this run, and a
 * config file that set them would surprise the next person to run it.
 */
import type { OptionSpec } from '../core/options';

export const ENGINE_OPTIONS = {
  format: {
    type: 'string',
    enum: ['auto', 'prettier', 'none'],
    default: 'auto',
    description: 'prettier on changed files only: auto = only where the project has a prettier config of its own',
  },
  jobs: {
    type: 'integer',
    minimum: 1,
    maximum: 64,
    description:
      'worker threads (default: one per core but one, none on two cores or fewer; small runs stay in one thread)',
  },
  extensions: {
    type: 'string[]',
    description: 'file extensions to look at (default: js, jsx, mjs, cjs, ts, tsx, mts, cts, py)',
  },
  ignore: {
    type: 'string[]',
    description: 'globs to skip, besides node_modules, .gitignore and installed Python packages (repeatable)',
  },
  verify: {
    type: 'boolean',
    default: false,
    description:
      "check rewritten files with the project's own tools (TypeScript: tsc with its tsconfig; Python: compile, and mypy where configured); roll back files that gain a problem",
  },
  maxFileSize: {
    type: 'integer',
    minimum: 1,
    default: 1024 * 1024,
    description: 'skip files larger than this many bytes (named in the summary)',
  },
  fileTimeout: {
    type: 'integer',
    minimum: 100,
    default: 30_000,
    description: 'give up on a file after this many milliseconds (named in the summary)',
  },
  includeGenerated: {
    type: 'boolean',
    default: false,
    description: 'also look at files marked @generated or minified',
  },
  trustProjectCode: {
    type: 'boolean',
    default: false,
    description:
      'run code the project ships for this run: a JavaScript prettier config, a shared prettier config or plugins (by default they are data never executed, and files under them are not formatted); only a config in the directory you run from, or one named with --config, may set it',
  },
  includeTests: {
    type: 'boolean',
    default: false,
    description:
      'also look at test code (test/, tests/, __tests__/, __mocks__/, spec/, *.test.*, *.spec.*, files building sinon or jest stubs); its findings are labelled',
  },
} as const satisfies Record<string, OptionSpec>;
