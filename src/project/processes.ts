/**
 * How many processes a Python service runs, as the repository states it:
 * gunicorn's `workers = N` in its config file, and `-w N` / `--workers N`
 * (gunicorn, uvicorn, hypercorn) or `--concurrency N` / `-c N` (Celery) on a
 * command line in a Procfile, a Dockerfile's CMD/ENTRYPOINT or a compose
 * file's `command:`. Each process opens its own pool, so a pool's size
 * counts once per process. Files are read as text; nothing is run. Where
 * both a web server and a Celery worker are stated, both load the
 * application's modules, so their counts add up (the largest stated for
 * each kind, since a config file and a command line usually describe the
 * same server).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ProcessCount {
  count: number;
  /** Where it was read, for messages: `gunicorn.conf.py (workers = 4)`. */
  source: string;
}

const CONFIG_FILES = ['gunicorn.conf.py', 'gunicorn_config.py', 'gunicorn.py', 'config/gunicorn.py'];
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
const SERVER_WORKERS = /\b(gunicorn|uvicorn|hypercorn|daphne)\b.*?(?:\s-w\s*|\s--workers[=\s]\s*)(\d+)/;
/** Celery's worker concurrency. */
const CELERY_CONCURRENCY = /\bcelery\b.*?(?:\s-c\s*|\s--concurrency[=\s]\s*)(\d+)/;
const GUNICORN_WORKERS = /^\s*workers\s*=\s*(\d+)\s*(#.*)?$/m;

/** The process count the first of these directories (nearest first) that states one states. */
export function processCount(dirs: readonly string[]): ProcessCount | undefined {
  for (const dir of dirs) {
    const found = [...configCounts(dir), ...commandCounts(dir)];
    if (found.length === 0) continue;
    const largest = (kind: Kind) =>
      found.filter((f) => f.kind === kind).sort((a, b) => b.count - a.count)[0] as Stated | undefined;
    const kinds = [largest('server'), largest('celery')].filter((f): f is Stated => f !== undefined);
    return {
      count: kinds.reduce((sum, f) => sum + f.count, 0),
      source: kinds.map((f) => f.source).join(' + '),
    };
  }
  return undefined;
}

type Kind = 'server' | 'celery';
interface Stated extends ProcessCount {
  kind: Kind;
}

function configCounts(dir: string): Stated[] {
  return CONFIG_FILES.flatMap((name): Stated[] => {
    const m = GUNICORN_WORKERS.exec(read(path.join(dir, name)) ?? '');
    return m ? [{ kind: 'server', count: Number(m[1]), source: `${name}: workers = ${m[1]}` }] : [];
  });
}

function commandCounts(dir: string): Stated[] {
  const found: Stated[] = [];
  for (const name of COMMAND_FILES) {
    const text = read(path.join(dir, name));
    if (!text) continue;
    for (const line of text.split(/\r?\n/)) {
      if (/^\s*#/.test(line)) continue;
      // An exec-form command (`CMD ["gunicorn", "-w", "4"]`, `command: [...]`) read as the words it runs.
      const words = line.replace(/["',[\]]/g, ' ');
      const server = SERVER_WORKERS.exec(words);
      if (server)
        found.push({
          kind: 'server',
          count: Number(server[2]),
          source: `${name}: ${server[1]} --workers ${server[2]}`,
        });
      const celery = CELERY_CONCURRENCY.exec(words);
      if (celery)
        found.push({ kind: 'celery', count: Number(celery[1]), source: `${name}: celery --concurrency ${celery[1]}` });
    }
  }
  return found.filter((f) => f.count > 0);
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
  return dirs
    .flatMap((dir) => {
      const entries = listing(dir);
      return MANIFESTS.filter((name) => entries.has(name.split('/')[0])).map(
        (name) => read(path.join(dir, name)) ?? '',
      );
    })
    .join('\n');
}

function listing(dir: string): Set<string> {
  try {
    return new Set(fs.readdirSync(dir));
  } catch {
    return new Set();
  }
}
