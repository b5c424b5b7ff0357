/**
 * Reading fixture cases: `__testfixtures__/<id>/<case>.input.<ext>`, with an
 * optional `.output.<ext>` (none: the file must stay byte-identical),
 * `.findings.json` (`[{ line, column, messageId }]`) and `.options.json`
 * (`{ options, project, scan }`: transform options, what the project's
 * package.json and tsconfig say, and the cross-file facts a run would have).
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaults, type OptionValues } from '../../src/core/options';
import type { Transform } from '../../src/core/types';
import { processFile, type ProcessOutcome } from '../../src/engine/process-file';
import type { ProjectInfo } from '../../src/project/package-info';
import type { ScanData } from '../../src/core/facts';
import { JS_FRONT_END } from '../../src/frontends/js/front-end';
import { frontEndFor } from '../../src/registry';
import { type TestScan, scanData } from './scan';

export const FIXTURES = path.join(__dirname, '..', '..', '__testfixtures__');

export interface Case {
  name: string;
  input: string;
  output?: string;
  findings?: string;
  options?: string;
}

export interface ExpectedFinding {
  line: number;
  column?: number;
  messageId: string;
}

export function casesOf(id: string, dir = path.join(FIXTURES, id)): Case[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir);
  return files
    .filter((f) => /\.input\.[a-z]+$/.test(f))
    .sort()
    .map((input) => {
      const name = input.replace(/\.input\.[a-z]+$/, '');
      const ext = path.extname(input);
      const maybe = (f: string) => (files.includes(f) ? path.join(dir, f) : undefined);
      return {
        name,
        input: path.join(dir, input),
        output: maybe(`${name}.output${ext}`),
        findings: maybe(`${name}.findings.json`),
        options: maybe(`${name}.options.json`),
      };
    });
}

interface CaseSettings {
  options?: OptionValues;
  project?: Partial<ProjectInfo> & { moduleResolution?: string };
  scan?: TestScan;
}

/** The settings of a case, with relative paths (helper module, shared pools) resolved from the case's directory. */
export function settingsOf(
  c: Case,
  transform: Transform,
): { options: OptionValues; project: ProjectInfo; scan: ScanData } {
  const raw: CaseSettings = c.options ? JSON.parse(fs.readFileSync(c.options, 'utf8')) : {};
  const dir = path.dirname(c.input);
  const resolve = (p: string) => path.resolve(dir, p);
  const options: OptionValues = { ...defaults(transform.meta.options), ...(raw.options ?? {}) };
  if (typeof options.helperModule === 'string') options.helperModule = resolve(options.helperModule);
  const scan: TestScan = { ...(raw.scan ?? {}) };
  if (scan.pools) scan.pools = scan.pools.map((p) => ({ ...p, path: resolve(p.path) }));
  if (scan.helper) scan.helper = { ...scan.helper, path: resolve(scan.helper.path) };
  if (scan.pyPools) scan.pyPools = scan.pyPools.map((p) => ({ ...p, path: resolve(p.path) }));
  if (scan.acquirers)
    scan.acquirers = Object.fromEntries(Object.entries(scan.acquirers).map(([k, v]) => [resolve(k), v]));
  if (scan.ioTypes) scan.ioTypes = Object.fromEntries(Object.entries(scan.ioTypes).map(([k, v]) => [resolve(k), v]));
  if (scan.pyImportedNames)
    scan.pyImportedNames = Object.fromEntries(Object.entries(scan.pyImportedNames).map(([k, v]) => [resolve(k), v]));
  const { moduleResolution, ...project } = raw.project ?? {};
  return {
    options,
    scan: scanData(scan),
    project: {
      root: dir,
      dependencies: {},
      esm: false,
      ...project,
      ...(moduleResolution
        ? { tsconfig: { path: path.join(dir, 'tsconfig.json'), moduleResolution, module: moduleResolution } }
        : {}),
    },
  };
}

/** Run one transform over a text as the fixture suite does (cross-file facts as given, none missing). */
export function runCase(
  c: Case,
  transform: Transform,
  text: string,
  mode: 'run' | 'audit' = 'run',
): Extract<ProcessOutcome, { kind: 'done' }> {
  const settings = settingsOf(c, transform);
  const outcome = processFile({
    path: c.input,
    text,
    frontEnd: frontEndFor(c.input) ?? JS_FRONT_END,
    transforms: [transform],
    options: settings.options,
    scan: settings.scan,
    scanComplete: true,
    mode,
    project: settings.project,
  });
  if (outcome.kind !== 'done') throw new Error(`deferred: ${outcome.needs.map((n) => n.fact).join(', ')}`);
  return outcome;
}

export function expectedFindings(c: Case): ExpectedFinding[] {
  if (!c.findings) return [];
  return JSON.parse(fs.readFileSync(c.findings, 'utf8'));
}
