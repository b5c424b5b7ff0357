/**
 * Prefilters and project filters decide, before parsing, that a transform
 * has nothing to look at in a file. That is only safe if they never turn
 * away a file where the transform would find a site, fine or not: every
 * fixture input, and every real-world file, is analysed by every transform
 * with its filters taken off, and wherever that finds anything the filters
 * must let the file through.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyScanData } from '../src/core/facts';
import { initPython } from '../src/frontends/python/parser';
import { type Transform, transformWants } from '../src/core/types';
import { processFile } from '../src/engine/process-file';
import { type ProjectInfo, projectInfo } from '../src/project/package-info';
import { TRANSFORMS, frontEndFor } from '../src/registry';
import { FIXTURES, casesOf, settingsOf } from './support/fixtures';

/** The transform with its filters off: it looks at every file. */
function unfiltered(transform: Transform): Transform {
  return { ...transform, meta: { ...transform.meta, prefilter: {}, projectFilter: undefined } };
}

/** What an unfiltered audit of the file finds: its findings and its fine sites. */
function sitesFound(transform: Transform, file: File): number {
  const frontEnd = frontEndFor(file.path);
  if (!frontEnd) return 0;
  const outcome = processFile({
    path: file.path,
    text: file.text,
    frontEnd,
    transforms: [unfiltered(transform)],
    options: file.settings?.(transform).options ?? {},
    scan: file.settings?.(transform).scan ?? emptyScanData(),
    scanComplete: true,
    mode: 'audit',
    project: file.project,
  });
  if (outcome.kind !== 'done' || outcome.error) return 0;
  const fine = Object.values(outcome.firstChecks[transform.meta.id] ?? {}).reduce((a, b) => a + b, 0);
  return outcome.unfixedFindings.length + fine;
}

interface File {
  path: string;
  text: string;
  project: ProjectInfo;
  settings?: (transform: Transform) => ReturnType<typeof settingsOf>;
}

const fixtureInputs: File[] = TRANSFORMS.flatMap((owner) =>
  casesOf(owner.meta.id).map((c) => ({
    path: c.input,
    text: fs.readFileSync(c.input, 'utf8'),
    project: settingsOf(c, owner).project,
    settings: (transform: Transform) => settingsOf(c, transform),
  })),
);
const realWorld: File[] = fs
  .readdirSync(path.join(FIXTURES, 'real-world'), { recursive: true, encoding: 'utf8' })
  .map((f) => path.join(FIXTURES, 'real-world', f))
  .filter((f) => frontEndFor(f) !== undefined && fs.statSync(f).isFile())
  .map((f) => ({ path: f, text: fs.readFileSync(f, 'utf8'), project: projectInfo(f) }));

beforeAll(initPython);

describe('filters never turn away a file with sites', () => {
  it('has files to check', () => {
    expect(fixtureInputs.length).toBeGreaterThan(100);
    expect(realWorld.length).toBeGreaterThan(50);
  });
  for (const transform of TRANSFORMS) {
    it(transform.meta.id, () => {
      const missed = [...fixtureInputs, ...realWorld]
        .filter(
          (file) =>
            sitesFound(transform, file) > 0 &&
            !transformWants(transform.meta, frontEndFor(file.path)?.id ?? 'js', file.text, () => file.project),
        )
        .map((file) => path.relative(FIXTURES, file.path));
      expect(missed).toEqual([]);
    });
  }
});
