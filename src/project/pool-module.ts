/**
 * The shared pool client-to-pool rewrites per-call connections to use: a
 * module-level pool the project already has (same driver, same config), or a
 * pool module the run creates when every call site uses the same config.
 * Decided before any file is rewritten (imports need its path), written after.
 */
import fs from 'node:fs';
import path from 'node:path';
import jscodeshift from 'jscodeshift';
import { driverById, type DriverId, TEXT } from '../drivers';
import { driverBindings } from '../analysis/imports';
import { parserFor } from '../runner/parser';
import { normalize } from '../runner/text';
import type { FileOutcome } from '../runner/transform-file';
import type { SharedPool } from '../runner/types';
import { findModulePools, findSites } from '../../transforms/client-to-pool';


export function planSharedPools(files: string[], poolModule: string | undefined): SharedPool[] {
  const existing: SharedPool[] = [];
  const configs = new Map<string, { configs: Set<string>; files: string[]; source: Map<string, string> }>();
  for (const file of files) {
    let text: string;
    try {
      text = normalize(fs.readFileSync(file, 'utf8')).text;
    } catch {
      continue;
    }
    if (!TEXT.driverModule.test(text) || !TEXT.clientFactory.test(text)) continue;
    let root;
    try {
      root = jscodeshift.withParser(parserFor(file))(text);
    } catch {
      continue; // the run reports unparsable files itself
    }
    const bindings = driverBindings(jscodeshift, root);
    if (bindings.size === 0) continue;
    existing.push(...findModulePools(jscodeshift, root, text, file, bindings));
    const { sites } = findSites({ j: jscodeshift, source: text, path: file, options: {}, bindings }, root);
    for (const site of sites) {
      if (site.config && hasNames(site)) continue; // per-call or not portable: the transform reports it
      const key = site.api ? `${site.driver.id}:${site.api}` : site.driver.id;
      const entry = configs.get(key) ?? { configs: new Set<string>(), files: [] as string[], source: new Map<string, string>() };
      entry.configs.add(site.configText);
      if (!entry.source.has(site.configText)) entry.source.set(site.configText, site.config ? text.slice(site.config.start, site.config.end) : '');
      entry.files.push(file);
      configs.set(key, entry);
    }
  }
  const planned: SharedPool[] = [];
  for (const [key, { configs: wanted, files: siteFiles, source }] of configs) {
    const [driver, api] = key.split(':') as [string, 'callback' | undefined];
    const same = (p: SharedPool) => p.driver === driver && p.api === api;
    const unmatched = [...wanted].filter((c) => !existing.some((p) => same(p) && p.config === c));
    // Several different configs: which one the shared pool should use is the user's call.
    if (unmatched.length !== 1 || existing.some(same)) continue;
    // One planned module per driver and API; a second kind would need a second module: left to the user.
    if (planned.some((p) => p.driver === driver)) continue;
    const target = poolModule ? path.resolve(poolModule) : defaultModulePath(siteFiles);
    if (!target) continue;
    planned.push({ driver, path: target, name: 'pool', config: unmatched[0], configSource: source.get(unmatched[0]), exported: true, planned: true, ...(api ? { api } : {}) });
  }
  return [...existing, ...planned];
}

/** Any identifier in the config other than `process`: the transform decides whether it may move. */
function hasNames(site: { config: { type: string } | null }): boolean {
  let found = false;
  const visit = (n: Record<string, unknown> | null, parentKey?: string) => {
    if (!n || typeof n !== 'object') return;
    if (n.type === 'Identifier' && n.name !== 'process' && parentKey !== 'property' && parentKey !== 'key') found = true;
    for (const [key, value] of Object.entries(n)) {
      if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
      if (Array.isArray(value)) value.forEach((v) => visit(v as Record<string, unknown>, key));
      else if (value && typeof value === 'object' && 'type' in value) visit(value as Record<string, unknown>, key);
    }
  };
  visit(site.config as unknown as Record<string, unknown>);
  return found;
}

/** `db.ts` (or .js) in the common ancestor of the files with call sites, unless that name is taken. */
function defaultModulePath(files: string[]): string | undefined {
  let dir = path.dirname(files[0]);
  for (const f of files) while (!f.startsWith(dir + path.sep) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const ext = files.some((f) => /\.tsx?$/.test(f)) ? '.ts' : path.extname(files[0]) === '.mjs' ? '.mjs' : '.js';
  for (const name of ['db', 'pool', 'shared-pool']) {
    const candidate = path.join(dir, `${name}${ext}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * After the rewrite: write each planned pool module a file imports, and
 * export an existing pool another module now imports.
 */
export function providePools(outcomes: FileOutcome[]): void {
  const requested = new Map<string, { pool: SharedPool; esm: boolean }>();
  for (const o of outcomes) {
    if (!o.changed || o.error) continue;
    for (const pool of o.pools ?? []) {
      if (!requested.has(pool.path)) requested.set(pool.path, { pool, esm: /^\s*(import|export)\s/m.test(o.after) });
    }
  }
  for (const { pool, esm } of requested.values()) {
    const existing = outcomes.find((o) => o.path === pool.path);
    if (pool.planned) {
      const outcome: FileOutcome = { path: pool.path, before: null, after: poolModuleText(pool, esm || /\.(ts|mts|mjs)$/.test(pool.path)), changed: true, findings: [], helpers: [] };
      if (existing) Object.assign(existing, outcome);
      else outcomes.push(outcome);
    } else if (!pool.exported) {
      const text = existing?.after ?? fs.readFileSync(pool.path, 'utf8');
      const after = exportPool(text, pool.name);
      if (existing) Object.assign(existing, { after, changed: after !== existing.before });
      else outcomes.push({ path: pool.path, before: text, after, changed: true, findings: [], helpers: [] });
    }
  }
}

function poolModuleText(pool: SharedPool, esm: boolean): string {
  const driver = driverById(pool.driver as DriverId);
  const base = driver.sharedPool!;
  // A callback pool comes from the driver's callback module (mysql2, not mysql2/promise).
  const shared = pool.api === 'callback' && driver.callbackModule ? { ...base, module: driver.callbackModule } : base;
  const binding = shared.importKind === 'named' ? `{ ${shared.importName} }` : shared.importName;
  const create = shared.create(pool.configSource ?? pool.config);
  const comment = '// The one pool this project shares (written by pool-codemod client-to-pool).';
  if (esm) return `import ${binding} from '${shared.module}';\n\n${comment}\nexport const ${pool.name} = ${create};\n`;
  return `const ${binding} = require('${shared.module}');\n\n${comment}\nconst ${pool.name} = ${create};\n\nmodule.exports = { ${pool.name} };\n`;
}

/** `const pool = ...` becomes `export const pool = ...` (ESM), or gains `module.exports.pool = pool` (CommonJS). */
function exportPool(text: string, name: string): string {
  const esm = /^\s*(import|export)\s/m.test(text);
  const declaration = new RegExp(`^(const|let|var)(\\s+${name}\\s*=)`, 'm');
  if (esm && declaration.test(text)) return text.replace(declaration, 'export $1$2');
  return `${text.replace(/\n*$/, '\n')}\nmodule.exports.${name} = ${name};\n`;
}
