/**
 * How many processes a service runs on one machine, as the repository
 * states it. Each process opens its own pool, so a pool's size counts once
 * per process. Files are read as text; nothing is run.
 *
 * Python: gunicorn's `workers = N` in its config file, and `-w N` /
 * `--workers N` (gunicorn, uvicorn, hypercorn) or `--concurrency N` / `-c N`
 * (Celery) on a command line in a Procfile, a Dockerfile's CMD/ENTRYPOINT
 * or a compose file's `command:`. Where both a web server and a Celery
 * worker are stated, both load the application's modules, so their counts
 * add up (the largest stated for each kind, since a config file and a
 * command line usually describe the same server).
 *
 * Node: PM2's `instances`, in an ecosystem file (its apps add up) or on a
 * `pm2` command line there or in package.json's scripts.
 *
 * A count stated as something other than a number (`workers =
 * multiprocessing.cpu_count() * 2 + 1`, `-w $WEB_CONCURRENCY`, PM2's
 * `max`) is known only where the service runs: it is kept, without a count,
 * so that no size is worked out from a guess.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  PM2_COMMAND_INSTANCES,
  PM2_ECOSYSTEM_FILES,
  PM2_INSTANCES_SETTING,
  pm2Instances,
} from '../drivers/process-managers';

export interface ProcessCount {
  /** How many; undefined where the repository states it as something only known where it runs. */
  count?: number;
  /** Where it was read, for messages: `gunicorn.conf.py: workers = 4`. */
  source: string;
}

const CONFIG_FILES = [
  'gunicorn.conf.py',
  'gunicorn_config.py',
  'gunicorn_conf.py',
  'gunicorn.py',
  'config/gunicorn.py',
];
/** Files whose command lines start the service (a Procfile's, a Dockerfile's CMD, a compose file's `command:`). */
export const COMMAND_FILES = [
  'Procfile',
  'Dockerfile',
  'docker-compose.yml',
  'docker-compose.yaml',
  'compose.yml',
  'compose.yaml',
];
/** A server's worker count on a command line. */
const SERVER_WORKERS = /\b(gunicorn|uvicorn|hypercorn|daphne)\b.*?(?:\s-w\s*|\s--workers[=\s]\s*)(\S+)/;
/** Celery's worker concurrency. */
const CELERY_CONCURRENCY = /\bcelery\b.*?(?:\s-c\s*|\s--concurrency[=\s]\s*)(\S+)/;
const GUNICORN_WORKERS = /^\s*workers\s*=\s*([^#\n]*?)\s*(#.*)?$/m;

/** The process count of a Python service that the first of these directories (nearest first) that states one states. */
export function processCount(dirs: readonly string[]): ProcessCount | undefined {
  for (const dir of dirs) {
    const found = [...configCounts(dir), ...commandCounts(dir)];
    if (found.length === 0) continue;
    return added([largest(found, 'server'), largest(found, 'celery')].filter((f): f is Stated => f !== undefined));
  }
  return undefined;
}

/** The processes in each instance: as many as the user gave (--processes), else those the repository states. */
export function processesPerInstance(
  given: number | undefined,
  stated: () => ProcessCount | undefined,
): ProcessCount | undefined {
  return given !== undefined ? { count: given, source: '--processes' } : stated();
}

/** The largest count stated for one kind of process. */
function largest(found: readonly Stated[], kind: Kind): Stated | undefined {
  return largestOf(found.filter((f) => f.kind === kind));
}

/** The largest of counts that describe the same processes; one the tool cannot read may be larger than any. */
function largestOf<T extends ProcessCount>(counts: readonly T[]): T | undefined {
  return counts.find((c) => c.count === undefined) ?? [...counts].sort((a, b) => b.count! - a.count!)[0];
}

/** Counts of processes that all run at once, added up; unknown if any of them is. */
function added(counts: readonly ProcessCount[]): ProcessCount {
  const known = counts.every((c) => c.count !== undefined);
  return {
    ...(known ? { count: counts.reduce((sum, c) => sum + c.count!, 0) } : {}),
    source: counts.map((c) => c.source).join(' + '),
  };
}

/**
 * A count as written: a whole number of processes, or the bound of a `min()`
 * with one (`min(8, multiprocessing.cpu_count())` runs at most 8, and a
 * size that fits 8 fits fewer), else one only known where it runs.
 */
function countOf(written: string): number | undefined {
  const bound = /^min\(\s*(\d+)\s*,[^()]*(\([^()]*\)[^()]*)*\)$|^min\([^()]*(\([^()]*\)[^()]*)*,\s*(\d+)\s*\)$/.exec(
    written,
  );
  const n = Number(bound ? (bound[1] ?? bound[4]) : /^\d+$/.test(written) ? written : 0);
  return n > 0 ? n : undefined;
}

/**
 * The process count of a Node service that the first of these directories
 * (nearest first) states: the apps of its PM2 ecosystem file, added up, or
 * else the largest `-i` of its `pm2` command lines (its package.json
 * scripts are given, as the project read them).
 */
export function nodeProcessCount(
  dirs: readonly string[],
  scripts: Readonly<Record<string, string>> = {},
): ProcessCount | undefined {
  for (const [i, dir] of dirs.entries()) {
    const ecosystem = ecosystemCounts(dir);
    if (ecosystem.length > 0) return added(ecosystem);
    const commands = largestOf(pm2Commands(dir, i === 0 ? scripts : {}));
    if (commands) return commands;
  }
  return undefined;
}

function ecosystemCounts(dir: string): ProcessCount[] {
  for (const name of present(dir, PM2_ECOSYSTEM_FILES)) {
    const text = read(path.join(dir, name));
    if (!text) continue;
    return [...withoutComments(text).matchAll(PM2_INSTANCES_SETTING)].map((m) => {
      const written = m[1].trim();
      const count = pm2Instances(written);
      return { ...(count !== undefined ? { count } : {}), source: `${name}: instances ${written}` };
    });
  }
  return [];
}

/** An ecosystem file's text with its comments (JavaScript's, YAML's) taken out: a setting commented out is not set. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)(\/\/|#).*$/gm, '$1');
}

function pm2Commands(dir: string, scripts: Readonly<Record<string, string>>): ProcessCount[] {
  const lines = [
    ...present(dir, COMMAND_FILES).flatMap((name) =>
      commandLines(read(path.join(dir, name)) ?? '').map((line) => ({ name, line })),
    ),
    ...Object.values(scripts).map((line) => ({ name: 'package.json', line })),
  ];
  return lines.flatMap(({ name, line }) => {
    const m = PM2_COMMAND_INSTANCES.exec(line);
    if (!m) return [];
    const count = pm2Instances(m[1]);
    return [{ ...(count !== undefined ? { count } : {}), source: `${name}: pm2 -i ${m[1]}` }];
  });
}

/** A file's command lines, comments left out, an exec-form command (`CMD ["gunicorn", "-w", "4"]`, `command: [...]`) read as the words it runs. */
function commandLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .map((line) => line.replace(/["',[\]]/g, ' '));
}

type Kind = 'server' | 'celery';
interface Stated extends ProcessCount {
  kind: Kind;
}

function configCounts(dir: string): Stated[] {
  return present(dir, CONFIG_FILES).flatMap((name): Stated[] => {
    const m = GUNICORN_WORKERS.exec(read(path.join(dir, name)) ?? '');
    return m && m[1] ? [stated('server', m[1], `${name}: workers = ${m[1]}`)] : [];
  });
}

function commandCounts(dir: string): Stated[] {
  const found: Stated[] = [];
  for (const name of present(dir, COMMAND_FILES)) {
    for (const words of commandLines(read(path.join(dir, name)) ?? '')) {
      const server = SERVER_WORKERS.exec(words);
      if (server) found.push(stated('server', server[2], `${name}: ${server[1]} --workers ${server[2]}`));
      const celery = CELERY_CONCURRENCY.exec(words);
      if (celery) found.push(stated('celery', celery[1], `${name}: celery --concurrency ${celery[1]}`));
    }
  }
  return found;
}

function stated(kind: Kind, written: string, source: string): Stated {
  const count = countOf(written);
  return { kind, ...(count !== undefined ? { count } : {}), source };
}

/**
 * Those of `names` (paths inside `dir`) whose first segment `dir` holds: the
 * directory is listed once instead of a failed open per name, in every
 * directory up to the repository's root.
 */
function present(dir: string, names: readonly string[]): string[] {
  const entries = listing(dir);
  return names.filter((name) => entries.has(name.split('/')[0]));
}

function read(file: string): string | undefined {
  try {
    return fs.statSync(file).size < 256 * 1024 ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

const MANIFESTS = [
  'requirements.txt',
  'requirements-prod.txt',
  'requirements/base.txt',
  'requirements/prod.txt',
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'Pipfile',
];

/**
 * The Python dependency lists of these directories, concatenated (read as
 * text: which packages a project installs). Each directory is listed once,
 * and only the lists it holds are opened: a missing file's failed open, eight
 * per directory, cost more than the listing.
 */
export function pythonManifests(dirs: readonly string[]): string {
  return dirs.flatMap((dir) => present(dir, MANIFESTS).map((name) => read(path.join(dir, name)) ?? '')).join('\n');
}

function listing(dir: string): Set<string> {
  try {
    return new Set(fs.readdirSync(dir));
  } catch {
    return new Set();
  }
}
