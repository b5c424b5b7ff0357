/**
 * The JSON Schemas shipped in schema/: the config file's (generated from the
 * option specs, so it cannot drift from what the CLI accepts) and the
 * `--json` document's (versioned with SCHEMA_VERSION). Tests check that the
 * files on disk are these.
 */
import { objectSchema } from '../core/options';
import type { Transform } from '../core/types';
import { allOptionSpecs } from './config';

export function configSchema(transforms: readonly Transform[]): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://pool-codemod.dev/schema/pool-codemod.config.schema.json',
    title: 'pool-codemod.config.json',
    description: 'Options for pool-codemod: the engine and every transform. Flags on the command line override them.',
    ...objectSchema(allOptionSpecs(transforms), { $schema: { type: 'string' } }),
  };
}

const position = { type: 'integer', minimum: 1 };
const DOCS = { type: 'string', description: "the transform's page: what it finds, why, its fixes and options" };
const severity = { enum: ['error', 'warning', 'note'] };

const finding = {
  type: 'object',
  additionalProperties: false,
  required: [
    'transform',
    'messageId',
    'message',
    'data',
    'severity',
    'question',
    'antiPattern',
    'line',
    'column',
    'endLine',
    'endColumn',
    'fixable',
    'fingerprint',
  ],
  properties: {
    transform: { type: 'string', description: 'transform id (`pool-codemod list`)' },
    messageId: { type: 'string', description: "key of the message in the transform's meta.messages" },
    message: { type: 'string', description: 'the message rendered with `data`' },
    data: {
      type: 'object',
      additionalProperties: { type: ['string', 'number'] },
      description: 'values of the message placeholders',
    },
    severity,
    question: {
      type: 'integer',
      minimum: 0,
      maximum: 8,
      description: "the review question the finding answers (0: about pool-codemod's own directives)",
    },
    antiPattern: { type: 'integer', minimum: 1, maximum: 8 },
    line: position,
    column: position,
    endLine: position,
    endColumn: position,
    fixable: {
      type: 'boolean',
      description: 'run rewrites this site (audits); always false for what run leaves behind',
    },
    fingerprint: {
      type: 'string',
      description: 'stable across line shifts: transform, message, file and the code on the line',
    },
    test: { type: 'boolean', description: 'in test code (looked at only with --include-tests)' },
    docs: DOCS,
  },
};

const fix = {
  type: 'object',
  additionalProperties: false,
  required: ['transform', 'messageId', 'line', 'column'],
  properties: { transform: { type: 'string' }, messageId: { type: 'string' }, line: position, column: position },
};

const count = { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } };

export const RUN_RESULT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://pool-codemod.dev/schema/run-result.schema.json',
  title: 'pool-codemod run --json',
  description:
    'The one document `pool-codemod run --json` prints on stdout, whatever happens. Positions are 1-based and refer to the text the file has after the run.',
  type: 'object',
  required: ['schemaVersion', 'tool', 'command', 'exitCode', 'files', 'warnings'],
  properties: {
    schemaVersion: { const: 1 },
    tool: {
      type: 'object',
      required: ['name', 'version'],
      properties: { name: { const: 'pool-codemod' }, version: { type: 'string' } },
    },
    command: { type: 'string' },
    dry: { type: 'boolean' },
    exitCode: {
      enum: [0, 1, 2, 3, 4],
      description:
        '0 ok; 1 --check found something; 2 usage error or refusal; 3 files failed, nothing written; 4 files failed, others written',
    },
    error: {
      type: 'object',
      required: ['kind', 'message'],
      properties: {
        kind: { enum: ['usage', 'refused', 'internal'] },
        message: { type: 'string' },
        refusal: {
          type: 'object',
          required: ['key', 'path', 'allowed'],
          properties: {
            key: { type: 'string', description: 'the flag, option or file that named the path' },
            path: { type: 'string', description: 'where it resolved, symlinks followed' },
            allowed: { type: 'array', items: { type: 'string' }, description: 'the directories it had to stay in' },
          },
          description: 'a write refused because its path leads out of the project',
        },
      },
      description: 'present when the run never got going',
    },
    files: {
      type: 'array',
      description: 'files with something to say: changed, created, failed, set aside for a reason, or with findings',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'status', 'written', 'fixes', 'findings'],
        properties: {
          path: { type: 'string', description: 'relative to the directory the command ran in, with forward slashes' },
          status: { enum: ['unchanged', 'changed', 'created', 'skipped', 'error'] },
          written: { type: 'boolean' },
          skipKind: {
            type: 'string',
            description: 'why a skipped file was set aside: too-large, generated, encoding, timeout, unreadable',
          },
          reason: { type: 'string' },
          dependsOn: { type: 'array', items: { type: 'string' }, description: 'files written together with this one' },
          fixes: { type: 'array', items: fix },
          findings: { type: 'array', items: finding },
        },
      },
    },
    summary: {
      type: 'object',
      required: [
        'files',
        'analysed',
        'skipped',
        'changed',
        'created',
        'written',
        'errors',
        'findings',
        'fixes',
        'severities',
        'elapsedMs',
      ],
      properties: {
        files: { type: 'integer' },
        analysed: { type: 'integer' },
        skipped: count,
        changed: { type: 'integer' },
        created: { type: 'integer' },
        written: { type: 'integer' },
        errors: { type: 'integer' },
        findings: count,
        fixes: count,
        severities: {
          type: 'object',
          required: ['error', 'warning', 'note'],
          additionalProperties: false,
          properties: { error: { type: 'integer' }, warning: { type: 'integer' }, note: { type: 'integer' } },
        },
        passes: { ...count, description: 'files by how many passes (parse and analysis) they took' },
        elapsedMs: { type: 'integer' },
      },
    },
    warnings: { type: 'array', items: { type: 'string' } },
    prBody: { type: 'string', description: 'the pull-request description, with `--pr-body -`' },
  },
};

const severityCounts = {
  type: 'object',
  required: ['error', 'warning', 'note'],
  properties: { error: { type: 'integer' }, warning: { type: 'integer' }, note: { type: 'integer' } },
};

/** A process count as the repository states it; `count` is null where it is known only where the service runs. */
const statedCount = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['count', 'source'],
  properties: { count: { type: ['integer', 'null'] }, source: { type: 'string' } },
};

/** How the project runs as the tool reads it (`--print-model`, and `project` in the audit document). */
const PROJECT_MODEL = {
  type: 'object',
  additionalProperties: false,
  required: ['modules', 'processes', 'nodeProcesses', 'instances', 'behindPgbouncer', 'lambda'],
  properties: {
    modules: {
      type: 'array',
      description: 'the modules that make a pool',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'language', 'pools', 'runs', 'loadedBy'],
        properties: {
          file: { type: 'string', description: 'relative to the first path audited' },
          language: { enum: ['js', 'python'] },
          pools: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'driver', 'line'],
              properties: { name: { type: 'string' }, driver: { type: 'string' }, line: position },
            },
          },
          runs: {
            enum: ['serves', 'one-shot', 'scheduled'],
            description: 'a job (one-shot, scheduled), or a server or what servers load',
          },
          loadedBy: {
            type: 'array',
            items: { type: 'string' },
            description: 'the entry points that load it (* for one the tool cannot place)',
          },
          workers: {
            ...statedCount,
            description: 'the workers an entry point that loads it forks (cluster, throng), each opening its pools',
          },
        },
      },
    },
    processes: {
      ...statedCount,
      description: 'how many processes each instance of a Python service runs, where the repository says',
    },
    nodeProcesses: {
      ...statedCount,
      description: 'how many processes each instance of a Node service runs, where its PM2 settings say',
    },
    instances: { type: ['integer', 'null'] },
    behindPgbouncer: { type: ['string', 'null'], description: 'why PgBouncer is taken to be in front, or null' },
    lambda: {
      type: ['string', 'null'],
      description: 'why the project is taken to run as AWS Lambda functions (one invocation per instance), or null',
    },
  },
};

export const AUDIT_RESULT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://pool-codemod.dev/schema/audit-result.schema.json',
  title: 'pool-codemod audit --format json',
  description: 'The eight review questions answered for a code base. Positions are 1-based.',
  type: 'object',
  required: ['schemaVersion', 'tool', 'command', 'exitCode', 'scorecard', 'findings', 'summary', 'warnings'],
  properties: {
    schemaVersion: { const: 1 },
    tool: {
      type: 'object',
      required: ['name', 'version'],
      properties: { name: { const: 'pool-codemod' }, version: { type: 'string' } },
    },
    command: { const: 'audit' },
    exitCode: { enum: [0, 1, 2, 3] },
    project: PROJECT_MODEL,
    scorecard: {
      type: 'array',
      minItems: 8,
      maxItems: 8,
      items: {
        type: 'object',
        required: ['question', 'text', 'verdict', 'findings', 'fine', 'fixable', 'transforms', 'worst'],
        properties: {
          question: { type: 'integer', minimum: 1, maximum: 8 },
          text: { type: 'string' },
          verdict: { enum: ['yes', 'no', 'partly', 'n/a'] },
          findings: severityCounts,
          fine: { type: 'integer', description: 'sites checked and found fine' },
          fixable: { type: 'integer', description: 'findings run fixes' },
          transforms: { type: 'array', items: { type: 'object', required: ['id', 'fine', 'findings', 'checks'] } },
          worst: { type: 'array', maxItems: 3 },
        },
      },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'file',
          'line',
          'column',
          'endLine',
          'endColumn',
          'transform',
          'messageId',
          'message',
          'data',
          'severity',
          'question',
          'antiPattern',
          'fixable',
          'fix',
          'fingerprint',
          'baseline',
        ],
        properties: {
          file: { type: 'string' },
          line: position,
          column: position,
          endLine: position,
          endColumn: position,
          transform: { type: 'string' },
          messageId: { type: 'string' },
          message: { type: 'string' },
          data: { type: 'object' },
          severity,
          question: { type: 'integer', minimum: 0, maximum: 8 },
          antiPattern: { type: 'integer', minimum: 0, maximum: 8 },
          fixable: { type: 'boolean' },
          fix: { type: ['string', 'null'], description: 'the command that fixes it, or null when run cannot' },
          fingerprint: { type: 'string' },
          docs: DOCS,
          baseline: { type: 'boolean', description: 'in the --baseline file: shown, not counted for --fail-on' },
        },
      },
    },
    summary: { type: 'object' },
    warnings: { type: 'array', items: { type: 'string' } },
  },
};
