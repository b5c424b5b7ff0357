/**
 * What a file's project says about it: the nearest package.json (which
 * libraries, at which versions; CommonJS or ES modules; which Node.js) and
 * the nearest tsconfig.json (how TypeScript resolves imports). Read once per
 * directory.
 */
import { driverMocks } from './mocks';
import fs from 'node:fs';
import path from 'node:path';
import { parseTsconfig } from 'get-tsconfig';
import { dirsUpTo, nearestDirWith } from './paths';
import { type Stamp, changedSince, stampOf } from './stamp';
import { type ProcessCount, nodeProcessCount, processCount, pythonManifests } from './processes';
import { droppingProxyDeployment, lambdaEvidence, pgbouncerDeployment, statedInstances } from './deployment';

interface TsconfigInfo {
  path: string;
  /** Lower-cased `moduleResolution` (or what `module` implies): nodenext, node16, bundler, node10, classic. */
  moduleResolution: string;
  /** Lower-cased `module`. */
  module: string;
  /** Where `tsc` writes what it emits (`compilerOptions.outDir`), absolute, if the file says. */
  outDir?: string;
  /** The file could not be read or parsed: what went wrong. */
  error?: string;
}

export interface ProjectInfo {
  /** Directory of the nearest package.json, or the file's directory. */
  root: string;
  /** Package names (and version ranges) the project depends on, dev dependencies included. */
  dependencies: Record<string, string>;
  /** package.json `"type": "module"`. */
  esm: boolean;
  /** package.json `engines.node`, if any. */
  nodeEngine?: string;
  /** package.json `scripts`: the commands `npm run <name>` runs (the files they start are entry points). */
  scripts?: Record<string, string>;
  tsconfig?: TsconfigInfo;
  /** A pgbouncer.ini in the project (its root, or a config/deploy/docker folder): the app runs behind PgBouncer. */
  pgbouncerIni?: string;
  /** How many instances the deployment files run (compose replicas, Kubernetes Deployments), where they say one count (read on first use). */
  readonly statedInstances?: { count: number; source: string };
  /** What the deployment files say of PgBouncer in front (a compose service, port 6432 in an env file), if anything (read on first use). */
  readonly pgbouncerDeployment?: string;
  /** What says the database is reached through a proxy that drops startup parameters (a Neon host in an env file) (read on first use). */
  readonly droppingProxy?: string;
  /** What says the project runs as AWS Lambda functions (serverless.ts, a SAM template), if anything (read on first use). */
  readonly lambda?: string;
  /** How many processes a Python service runs, where the repository says (gunicorn workers, Celery concurrency). */
  readonly processes?: ProcessCount;
  /** How many processes a Node service runs, where its deployment files say (PM2 instances). */
  readonly nodeProcesses?: ProcessCount;
  /** The text of the Python dependency lists nearest the file (requirements*.txt, pyproject.toml, setup.py/cfg, Pipfile). */
  readonly pythonManifests?: string;
  /** Modules the project's tests mock, with the first file that does (read on first use). */
  readonly driverMocks?: ReadonlyMap<string, string>;
}

const projects = new Map<string, { info: ProjectInfo; read: Stamp }>();
const tsconfigs = new Map<string, TsconfigInfo>();

export function projectInfo(file: string): ProjectInfo {
  const dir = path.dirname(path.resolve(file));
  let cached = projects.get(dir);
  if (!cached) {
    cached = readProject(dir);
    projects.set(dir, cached);
  }
  return cached.info;
}

/**
 * For a process that outlives edits (the ESLint plugin in an editor): the
 * file's project is read again on its next use when the package.json or
 * tsconfig.json it was read from changed, appeared or went. A run reads
 * each once: nothing it reads changes under it.
 */
export function refreshProjectInfo(file: string): void {
  const dir = path.dirname(path.resolve(file));
  const cached = projects.get(dir);
  if (!cached || !changedSince(cached.read)) return;
  projects.delete(dir);
  for (const [read] of cached.read) tsconfigs.delete(read);
}

function readProject(dir: string): { info: ProjectInfo; read: Stamp } {
  const atRepositoryRoot = (d: string) => fs.existsSync(path.join(d, '.git'));
  const root = nearestDirWith(dir, 'package.json', atRepositoryRoot);
  const manifest = root ? readJson(path.join(root, 'package.json')) : undefined;
  const tsRoot = nearestDirWith(dir, 'tsconfig.json', (d) => d === root || atRepositoryRoot(d));
  const dependencies = dependenciesOf(manifest);
  const tsconfigFile = tsRoot ? path.join(tsRoot, 'tsconfig.json') : undefined;
  // Where deployment files are looked for: the project's root, and the repository's.
  const roots = [root ?? dir, nearestDirWith(dir, '.git')].filter((d): d is string => d !== undefined);
  const pgbouncerIni = findPgbouncerIni(roots);
  // Read on first use, once: transforms ask per site.
  const instances = once(() => statedInstances(roots));
  const pgbouncer = once(() => pgbouncerDeployment(roots));
  const droppingProxy = once(() => droppingProxyDeployment(roots));
  const lambda = once(() => lambdaEvidence(roots, dependencies));
  const processes = once(() => processCount(dirsUpTo(dir, nearestDirWith(dir, '.git'))));
  const nodeProcesses = once(() =>
    nodeProcessCount(dirsUpTo(root ?? dir, nearestDirWith(dir, '.git')), asRecord(manifest?.scripts)),
  );
  // What decided this project, where it would be when missing: the edits an editor's long-lived process must see.
  const read = stampOf([
    path.join(root ?? dir, 'package.json'),
    tsconfigFile ?? path.join(root ?? dir, 'tsconfig.json'),
  ]);
  const info: ProjectInfo = {
    root: root ?? dir,
    dependencies,
    esm: manifest?.type === 'module',
    nodeEngine: asRecord(manifest?.engines).node,
    scripts: asRecord(manifest?.scripts),
    // Read on first use: most files never get an import written.
    get tsconfig() {
      return tsconfigFile ? readTsconfig(tsconfigFile) : undefined;
    },
    ...(pgbouncerIni ? { pgbouncerIni } : {}),
    // Read on first use, once: only pools ask, each site.
    get processes() {
      return processes();
    },
    get nodeProcesses() {
      return nodeProcesses();
    },
    get pythonManifests() {
      return pythonManifests(dirsUpTo(dir, nearestDirWith(dir, '.git')));
    },
    get driverMocks() {
      return driverMocks(root ?? dir);
    },
    get statedInstances() {
      return instances();
    },
    get pgbouncerDeployment() {
      return pgbouncer();
    },
    get droppingProxy() {
      return droppingProxy();
    },
    get lambda() {
      return lambda();
    },
  };
  return { info, read };
}

/** `read`'s value, computed on the first call only. */
function once<T>(read: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = read();
      done = true;
    }
    return value;
  };
}

/** Where projects keep a pgbouncer.ini, looked for under the project root and the repository root. */
const PGBOUNCER_PLACES = [
  'pgbouncer.ini',
  'pgbouncer/pgbouncer.ini',
  'config/pgbouncer.ini',
  'deploy/pgbouncer.ini',
  'docker/pgbouncer.ini',
  'infra/pgbouncer.ini',
];

function findPgbouncerIni(roots: string[]): string | undefined {
  for (const root of roots)
    for (const place of PGBOUNCER_PLACES) if (fs.existsSync(path.join(root, place))) return path.join(root, place);
  return undefined;
}

/**
 * A tsconfig as far as import specifiers go (`module`, `moduleResolution`,
 * following `extends`), read by get-tsconfig: not by the TypeScript
 * compiler, which takes 200 ms to load and cannot load at all under
 * jscodeshift's Babel require hook. `--verify` and the typed I/O scan, which
 * run the compiler anyway, check the file with it (tsconfig-check.ts).
 */
function readTsconfig(file: string): TsconfigInfo {
  const cached = tsconfigs.get(file);
  if (cached) return cached;
  let info: TsconfigInfo;
  try {
    const options = parseTsconfig(file).compilerOptions ?? {};
    const module = options.module?.toLowerCase() ?? '';
    info = {
      path: file,
      module,
      // get-tsconfig leaves it as written: relative to the file that says it (an extended config's, rebased).
      ...(options.outDir ? { outDir: path.resolve(path.dirname(file), options.outDir) } : {}),
      // TypeScript's default resolution follows `module` when none is given.
      moduleResolution:
        options.moduleResolution?.toLowerCase() ||
        (module === 'nodenext' || module === 'node16' ? module : module === 'preserve' ? 'bundler' : 'node10'),
    };
  } catch (error) {
    info = { path: file, moduleResolution: '', module: '', error: (error as Error).message };
  }
  tsconfigs.set(file, info);
  return info;
}

/** The packages a package.json depends on, or undefined when the directory has none. */
export function dependenciesIn(dir: string): Record<string, string> | undefined {
  const file = path.join(dir, 'package.json');
  return fs.existsSync(file) ? dependenciesOf(readJson(file)) : undefined;
}

/** Peer dependencies are not counted: a library that lists every driver as optional peer uses none of them in particular. */
function dependenciesOf(manifest: Record<string, unknown> | undefined): Record<string, string> {
  return { ...asRecord(manifest?.devDependencies), ...asRecord(manifest?.dependencies) };
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
