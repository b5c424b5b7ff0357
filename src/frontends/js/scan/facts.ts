/**
 * The JavaScript front end's shared cross-file facts. POOLS: the project's
 * module-level pools, and the pool module the run plans to write for
 * per-call clients (read by client-to-pool and pool-size). HELPER: where the
 * scoped helper lives (read, in helper style, by client-to-pool and
 * release-in-finally through the shared release step).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FactInput, FileFact, ProjectFact, SummaryReader } from '../../../core/facts';
import { jobByPlace } from '../analysis/job-module';
import { resolveRelative } from '../resolve';
import type { FileSummary } from './summary';
import { type DriverId, TEXT } from '../../../drivers';
import { IO_MODULES } from '../../../drivers/io';
import { planHelper } from './helper-plan';
import { planPools } from './pools';
import type { HelperPlan, SharedPool } from './types';
import { type ImportGraph, type ProcessRoots, processRoots } from '../../../project/process-groups';
import { jsImportGraph } from './import-graph';

/** Pool modules and per-call clients are found in files that import a driver and make a client or pool. */
const DRIVER_FILES = [TEXT.driverModule, TEXT.clientFactory];

/** The JavaScript files' summaries. */
function jsSummaries(input: FactInput): FileSummary[] {
  return input.summaries.all().flatMap((s) => (s.language === 'js' ? [s.value] : []));
}

/** One file's summary when it is JavaScript (read on demand). */
export function jsSummaryOf(summaries: SummaryReader, file: string): FileSummary | undefined {
  const summary = summaries.of(file);
  return summary?.language === 'js' ? summary.value : undefined;
}

const graphs = new WeakMap<FactInput, ImportGraph>();

/** The project's import graph, read once per round of the scan however many facts ask (PROCESSES, FANOUTS). */
export function importGraphOf(input: FactInput): ImportGraph {
  let graph = graphs.get(input);
  if (!graph) {
    graph = jsImportGraph(input.files);
    graphs.set(input, graph);
  }
  return graph;
}

function pathOption(input: FactInput, key: string): string | undefined {
  const value = input.options[key];
  return typeof value === 'string' ? value : undefined;
}

export const POOLS: ProjectFact<SharedPool[]> = {
  id: 'js/pools',
  language: 'js',
  scope: 'project',
  empty: [],
  summaryPrefilter: DRIVER_FILES,
  compute: (input) => planPools(jsSummaries(input), pathOption(input, 'poolModule')),
};

export const HELPER: ProjectFact<HelperPlan | null> = {
  id: 'js/helper',
  language: 'js',
  scope: 'project',
  empty: null,
  summaryPrefilter: DRIVER_FILES,
  compute: (input) =>
    planHelper(
      jsSummaries(input),
      input.files,
      pathOption(input, 'helperModule'),
      (file) => jsSummaryOf(input.summaries, file)?.exportsHelpers ?? [],
    ),
};

/**
 * Pools the project's own plugins hang on the app under a name
 * (`server.decorate('mysql', pool)`): name -> library. Read by
 * release-in-finally, where a route sends `server.mysql.query('BEGIN')`.
 */
export const DECORATED_POOLS: ProjectFact<Record<string, DriverId>> = {
  id: 'js/decorated-pools',
  language: 'js',
  scope: 'project',
  empty: {},
  summaryPrefilter: [TEXT.driverModule, /\.decorate\s*\(/],
  compute: (input) => Object.assign({}, ...jsSummaries(input).map((s) => s.decoratedPools)) as Record<string, DriverId>,
};

/**
 * Which entry points load each module that makes a pool at module level
 * (see src/project/process-groups.ts): pool-size counts pools per process.
 */
export const PROCESSES: ProjectFact<ProcessRoots> = {
  id: 'js/processes',
  language: 'js',
  scope: 'project',
  empty: {},
  summaryPrefilter: DRIVER_FILES,
  compute: (input) =>
    processRoots(
      importGraphOf(input),
      jsSummaries(input)
        .filter((s) => s.pools.length > 0)
        .map((s) => s.path),
    ),
};

/**
 * For one file: the entry points that load it (through relative imports and
 * the monorepo's own packages) and are jobs by their place or shebang
 * (`scripts/migrate.js`), with the names each imports (`createPool`). Read by
 * statement-timeout: a limit sized for requests, added to a pool a migration
 * also makes, would cancel it.
 */
export const JOB_LOADERS: FileFact<JobLoader[]> = {
  id: 'js/job-loaders',
  language: 'js',
  scope: 'file',
  empty: [],
  compute: (files, input) => {
    const roots = processRoots(importGraphOf(input), files);
    const out: Record<string, JobLoader[]> = {};
    for (const file of files)
      out[file] = (roots[file] ?? []).flatMap((root) => {
        const text = root !== file && path.isAbsolute(root) ? readText(root) : undefined;
        return text !== undefined && jobByPlace(root, text) ? [{ file: root, imports: importedNames(text) }] : [];
      });
    return out;
  },
};

export interface JobLoader {
  file: string;
  /** Names it imports (`import { createPool } from ...`, `const { pool } = require(...)`). */
  imports: string[];
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Named imports and destructured requires, by the name the module exports (no parse: an entry point, read once). */
function importedNames(text: string): string[] {
  const names = new Set<string>();
  const lists =
    /import\s*(?:type\s+)?\{([^}]*)\}\s*from|(?:const|let|var)\s*\{([^}]*)\}\s*=\s*(?:await\s+)?(?:require|import)\s*\(/g;
  for (const match of text.matchAll(lists))
    for (const part of (match[1] ?? match[2]).split(',')) {
      const name = part.trim().split(/\s+as\s+|\s*:\s*/)[0];
      if (/^[A-Za-z_$][\w$]*$/.test(name)) names.add(name);
    }
  return [...names];
}

/**
 * For each of `files`: what `pick` finds in the modules of the project it
 * imports, by the local name of the import (`require('./db')` is the whole
 * `module.exports`, a CommonJS module's default).
 */
function fromImports<V>(
  files: readonly string[],
  summaries: SummaryReader,
  pick: (module: FileSummary, exported: string, file: string) => V | undefined,
): Record<string, Record<string, V>> {
  const out: Record<string, Record<string, V>> = {};
  for (const file of files) {
    const found: Record<string, V> = {};
    for (const [local, { source, imported }] of Object.entries(jsSummaryOf(summaries, file)?.relativeImports ?? {})) {
      const target = resolveRelative(file, source);
      const module = target ? jsSummaryOf(summaries, target) : undefined;
      const value =
        module && target ? pick(module, imported === '*' && !module.esm ? 'default' : imported, target) : undefined;
      if (value !== undefined) found[local] = value;
    }
    out[file] = found;
  }
  return out;
}

/**
 * For one file: the objects it imports from the project's modules whose
 * checkout-named methods hand out no connection (an exported class, or an
 * exported instance of one), by local name. Read by release-in-finally, so
 * that `await this.postgresConfig.connect()` returning a memoised Pool is
 * not taken for a checkout never released.
 */
export const IMPORTED_OBJECTS: FileFact<FileSummary['plainMethods']> = {
  id: 'js/imported-objects',
  language: 'js',
  scope: 'file',
  empty: {},
  compute: (files, { summaries }) => fromImports(files, summaries, (module, exported) => module.plainMethods[exported]),
};

/** Files that import an I/O library: the modules whose exported functions may wait on it. */
const IO_FILES = new RegExp(`['"](${IO_MODULES.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})['"]`);

/**
 * For one file: the functions it imports from the project's modules that
 * await I/O themselves (`processAndInsert`, posting with axios in
 * common.js), by local name -> what they wait on. Read by split-io, so that
 * a connection held across one is held across I/O, not a wait of unknown cost.
 */
export const IMPORTED_IO: FileFact<Record<string, string>> = {
  id: 'js/imported-io',
  language: 'js',
  scope: 'file',
  empty: {},
  summaryPrefilter: [IO_FILES],
  compute: (files, { summaries }) => fromImports(files, summaries, (module, exported) => module.ioExports[exported]),
};

/**
 * For one file: the functions it imports from the project's modules that
 * check out a connection and hand it to a callback of their caller
 * (`db.getConnection(req, res, (connection) => ...)`), by local name ->
 * method (`''` for the import itself) -> the callback's position. Read by
 * release-in-finally, which then checks that callback as it checks a
 * callback acquire: it must release on every path.
 */
export const WRAPPED_ACQUIRES: FileFact<Record<string, Record<string, number>>> = {
  id: 'js/wrapped-acquires',
  language: 'js',
  scope: 'file',
  empty: {},
  summaryPrefilter: DRIVER_FILES,
  compute: (files, { summaries }) =>
    fromImports(files, summaries, (module, exported) => {
      const methods: Record<string, number> = {};
      for (const [name, index] of Object.entries(module.connectionCallbacks)) {
        if (name === exported) methods[''] = index;
        else if (name.startsWith(`${exported}.`)) methods[name.slice(exported.length + 1)] = index;
      }
      return Object.keys(methods).length > 0 ? methods : undefined;
    }),
};

/**
 * For one file: the constant object literals it imports from the project's
 * modules, by local name, as written there (with the module's path), so
 * that `new Pool(dbCreds)` with `dbCreds` exported by `./dbCreds.js` is a
 * config the configuration transforms can read and add to.
 */
export const IMPORTED_CONFIGS: FileFact<Record<string, { file: string; text: string }>> = {
  id: 'js/imported-configs',
  language: 'js',
  scope: 'file',
  empty: {},
  compute: (files, { summaries }) =>
    fromImports(files, summaries, (module, exported, file) => {
      const text = module.configObjects[exported];
      return text ? { file, text } : undefined;
    }),
};
