/**
 * How a Node service starts several processes on one machine, each loading
 * the application's modules (so each opens its own pool):
 *
 * - PM2 ("Cluster Mode", pm2.keymetrics.io/docs/usage/cluster-mode/, and
 *   "Ecosystem File"): an app's `instances` in an ecosystem file
 *   (`ecosystem.config.js`, or the JSON/YAML "process file"), or `-i N` /
 *   `--instances N` on `pm2 start` or `pm2-runtime`. A number N starts N
 *   processes; `0` and `max` start one per CPU, `-1` one per CPU but one.
 *   Unset, an app runs as one process.
 * - Node's cluster module (Node docs, "Cluster": `cluster.fork()` spawns one
 *   worker process, which runs the same entry point).
 * - throng (its README, versions 4 and 5): `throng(start)` forks one worker
 *   per CPU; `throng({ worker, count: N })` (`workers: N` before 5) forks N.
 */

/** Where PM2 reads an app's settings from: the ecosystem files a repository keeps beside its package.json. */
export const PM2_ECOSYSTEM_FILES = [
  'ecosystem.config.js',
  'ecosystem.config.cjs',
  'ecosystem.config.mjs',
  'ecosystem.config.ts',
  'ecosystem.json',
  'ecosystem.config.json',
  'ecosystem.yml',
  'ecosystem.yaml',
  'pm2.json',
  'pm2.config.js',
  'process.json',
  'process.yml',
];

/** An app's `instances` in an ecosystem file (JavaScript, JSON or YAML, comments taken out), its value up to the end of the setting. */
export const PM2_INSTANCES_SETTING = /(?<![\w$.])["']?instances["']?\s*:\s*([^,}\n]+)/g;

/** `pm2 start app.js -i 4`, `pm2-runtime start ecosystem.config.js --instances max`: the value given. */
export const PM2_COMMAND_INSTANCES = /\bpm2(?:-runtime|-docker)?\b.*?(?:\s-i\s*|\s--instances[=\s]\s*)(\S+)/;

/**
 * How many processes an `instances` value starts, or undefined for a count
 * only known where it runs (one per CPU, an environment variable, any
 * expression).
 */
export function pm2Instances(value: string): number | undefined {
  const plain = value.trim().replace(/^["']|["']$/g, '');
  const n = /^-?\d+$/.test(plain) ? Number(plain) : 0;
  return n > 0 ? n : undefined;
}

/** The modules that start worker processes, and what their calls fork. */
export const CLUSTER_MODULES: ReadonlySet<string> = new Set(['cluster', 'node:cluster']);
export const THRONG_MODULE = 'throng';
/** throng's option that sets how many workers it forks (`count`; `workers` before version 5). */
export const THRONG_COUNT_OPTIONS: ReadonlySet<string> = new Set(['count', 'workers']);
