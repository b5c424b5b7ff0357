/**
 * The model of how a project runs, as the transforms read it, for a person
 * to check (`--print-model`, and `audit --format json`): each module that
 * makes a pool, what runs it (a server or what others load, a job that
 * runs once, a scheduled job), which entry points load it (the processes
 * whose pools add up), the process count the repository states, whether
 * PgBouncer is known to be in front, and whether it runs in AWS Lambda. What it gets wrong is corrected with
 * options (`--behind-pgbouncer`, `--instances`, `--job-statement-timeout-ms`).
 */
import path from 'node:path';
import { emptyScanData } from '../core/facts';
import type { OptionValues } from '../core/options';
import { jobKind } from '../frontends/js/analysis/job-module';
import { pgbouncerEvidence } from '../frontends/js/analysis/pgbouncer';
import { findPoolSites } from '../frontends/js/analysis/pool-sites';
import { JS_FRONT_END } from '../frontends/js/front-end';
import { jsImportGraph } from '../frontends/js/scan/import-graph';
import { isOneShotFile } from '../frontends/python/analysis/connections';
import { findPyPoolSites } from '../frontends/python/analysis/driver-use';
import { PY_FRONT_END } from '../frontends/python/front-end';
import { pyImportGraph } from '../frontends/python/scan/processes';
import { projectInfo } from '../project/package-info';
import { processRoots } from '../project/process-groups';
import type { ProcessCount } from '../project/processes';
import { workersLoading } from '../frontends/js/scan/forks';
import { readSource } from './file-task';
import { findFiles } from './find-files';
import { processFile } from './process-file';

interface ModelModule {
  file: string;
  language: 'js' | 'python';
  pools: { name: string; driver: string; line: number }[];
  /** `one-shot`, `scheduled`: a job; `serves`: a server, or a module servers and jobs load. */
  runs: 'serves' | 'one-shot' | 'scheduled';
  /** The entry points that load it (`*`: one the tool cannot place, counted with every other). */
  loadedBy: string[];
  /** The workers an entry point that loads it forks, each opening its pools (JavaScript: cluster, throng). */
  workers?: StatedCount;
}

/** A process count as the repository states it: `count` null where it is known only where the service runs. */
interface StatedCount {
  count: number | null;
  source: string;
}

export interface ProjectModel {
  modules: ModelModule[];
  /** How many processes each instance runs, where the repository says so (Python servers and workers). */
  processes: StatedCount | null;
  /** The same for a Node service (PM2 instances). */
  nodeProcesses: StatedCount | null;
  instances: number | null;
  /** Why PgBouncer is taken to be in front, or null. */
  behindPgbouncer: string | null;
  /** Why the project is taken to run as AWS Lambda functions (one invocation per instance at a time), or null. */
  lambda: string | null;
}

export async function projectModel(paths: readonly string[], options: OptionValues): Promise<ProjectModel> {
  const modules: ModelModule[] = [];
  const all: Record<'js' | 'python', string[]> = { js: [], python: [] };
  for (const frontEnd of [JS_FRONT_END, PY_FRONT_END] as const) {
    const found = findFiles(paths, { extensions: frontEnd.extensions, isSource: frontEnd.isSource }).files;
    all[frontEnd.id] = found;
    if (found.length > 0) await frontEnd.init?.();
    for (const file of found) {
      const read = readSource(file, 1024 * 1024);
      if ('skipKind' in read || !/Pool|pool|connect/.test(read.text)) continue;
      processFile({
        path: file,
        text: read.text,
        frontEnd,
        transforms: [],
        options,
        scan: emptyScanData(),
        scanComplete: true,
        mode: 'audit',
        onFirstPass: (ctx) => {
          const entry = (pools: ModelModule['pools'], runs: ModelModule['runs']) => {
            if (pools.length > 0) modules.push({ file, language: frontEnd.id, pools, runs, loadedBy: [] });
          };
          if ('ast' in ctx)
            entry(
              findPoolSites(ctx.facts).map((p) => ({
                name: p.name ?? '(unnamed)',
                driver: p.via ? `${p.driver.id}.${p.via}` : p.driver.id,
                line: p.call.loc?.start.line ?? 0,
              })),
              jobKind(ctx) ?? 'serves',
            );
          else
            entry(
              findPyPoolSites(ctx.facts).map((p) => ({
                name: p.target ?? '(unnamed)',
                driver: p.driver.id,
                line: p.call.startPosition.row + 1,
              })),
              isOneShotFile(ctx.path, ctx.facts) ? 'one-shot' : 'serves',
            );
        },
      });
    }
  }
  const roots = {
    js: processRoots(
      jsImportGraph(all.js),
      modules.filter((m) => m.language === 'js').map((m) => m.file),
    ),
    python: processRoots(
      pyImportGraph(all.python),
      modules.filter((m) => m.language === 'python').map((m) => m.file),
    ),
  };
  const base = path.resolve(paths[0] ?? '.');
  const shown = (file: string) => (file === '*' ? '*' : path.relative(base, file) || path.basename(file));
  for (const m of modules) {
    m.loadedBy = (roots[m.language][m.file] ?? ['*']).map(shown);
    const workers = m.language === 'js' ? workersLoading(m.file, roots.js) : undefined;
    if (workers) m.workers = statedCount(workers);
    m.file = shown(m.file);
  }
  // projectInfo reads the project of a file: one directly inside the directory given.
  const project = projectInfo(path.join(base, 'package.json'));
  const instances =
    typeof options.instances === 'number' ? options.instances : (project.statedInstances?.count ?? null);
  return {
    modules: modules.sort((a, b) => a.file.localeCompare(b.file)),
    processes: project.processes ? statedCount(project.processes) : null,
    nodeProcesses: project.nodeProcesses ? statedCount(project.nodeProcesses) : null,
    instances,
    behindPgbouncer: pgbouncerEvidence(options.behindPgbouncer === true, project) ?? null,
    lambda: project.lambda ?? null,
  };
}

function statedCount(stated: ProcessCount): StatedCount {
  return { count: stated.count ?? null, source: stated.source };
}
