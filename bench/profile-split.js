// Where a run's time goes: a V8 CPU profile (node --cpu-prof) summed by the code each sample was in.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/**
 * Each sample counts for the function it was in (self time), put in the
 * first category whose test matches. Babel's visitors call our collector,
 * so a visitor's own time is the collector's; the traversal's machinery
 * (paths, scopes, its context) is Babel's.
 */
const CATEGORIES = [
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['idle (waiting on workers or I/O)', (f) => f.functionName === '(idle)' || f.functionName === '(program)'],
  ['@babel/parser', (f) => f.url.includes('@babel/parser')],
  ['@babel/traverse and @babel/types (paths, scopes)', (f) => /@babel\/(traverse|types)/.test(f.url)],
  [
    'fact collection (one walk per pass)',
    (f) => /dist\/src\/frontends\/js\/(facts|style|imports|nodes)\.js/.test(f.url),
  ],
  [
    'transforms and shared analysis',
    (f) => /dist\/(transforms|src\/frontends\/[a-z]+\/analysis|src\/drivers)\//.test(f.url),
  ],
  ['cross-file scan and project model', (f) => /dist\/src\/(frontends\/[a-z]+\/scan|project)\/|scan-stage/.test(f.url)],
  ['Python front end (tree-sitter)', (f) => /web-tree-sitter|dist\/src\/frontends\/python\//.test(f.url)],
  ['engine (passes, edits, positions)', (f) => /dist\/src\/(engine|core)\//.test(f.url)],
  [
    'loading modules',
    (f) => /node:internal\/modules|^wrapSafe$|compileSourceTextModule/.test(`${f.url} ${f.functionName}`),
  ],
  [
    'file system',
    (f) =>
      f.url === '' && /^(read|readFileUtf8|stat|lstat|open|close|readdir|existsSync|realpath)/.test(f.functionName),
  ],
];

/** The newest profile a run wrote into `dir`, summed by category: [{ category, ms, share }], largest first. */
function profileSplit(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  // The main thread's profile is the largest when the run has no workers.
  const file = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const totals = new Map();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const frame = frames.get(id);
    const category = CATEGORIES.find(([, test]) => test(frame))?.[0] ?? 'other';
    totals.set(category, (totals.get(category) ?? 0) + micros);
    all += micros;
  });
  return [...totals]
    .map(([category, micros]) => ({ category, ms: micros / 1000, share: micros / all }))
    .sort((a, b) => b.ms - a.ms);
}

module.exports = { profileSplit };
