/**
 * The scoped helper for `--style helper` (`withClient(pool, async (client) =>
 * ...)`, the seed's "BETTER: context manager"): where it lives, whether the
 * project already has it, and its text. Cross-file work, so ts-morph.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Project, QuoteKind, SyntaxKind, type SourceFile } from 'ts-morph';
import { DRIVERS, type DriverProfile } from '../drivers';

export interface HelperPlan {
  /** Absolute path of the helper module. */
  path: string;
  /** Helper names it already exports. */
  exported: Set<string>;
}

const HELPER_NAMES = [...new Set(DRIVERS.map((d) => d.helperName))];
const POOL_DEFINITION = /new\s+(?:[\w$]+\.)?Pool\s*\(|\bcreatePool\s*\(/;

/**
 * Decide the helper module before any file is rewritten (imports need its
 * path): `--helper-module` if given; else a module that already exports a
 * helper; else beside the module that defines the pool; else in the common
 * ancestor of the files.
 */
export function planHelperModule(files: string[], explicit: string | undefined): HelperPlan {
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { allowJs: true } });
  if (explicit) {
    const file = path.resolve(explicit);
    return { path: file, exported: fs.existsSync(file) ? exportedHelpers(project.addSourceFileAtPath(file)) : new Set() };
  }
  const candidates = files.filter((f) => !f.endsWith('.d.ts'));
  const texts = new Map(candidates.map((f) => [f, safeRead(f)]));
  for (const file of candidates) {
    if (!HELPER_NAMES.some((n) => texts.get(file)!.includes(n))) continue;
    const exported = exportedHelpers(project.addSourceFileAtPath(file));
    if (exported.size > 0) return { path: file, exported };
  }
  const poolModule = candidates.find((f) => POOL_DEFINITION.test(texts.get(f)!) && definesPoolAtTopLevel(project.addSourceFileAtPath(f)));
  const anchor = poolModule ?? commonAncestorFile(candidates);
  const ext = path.extname(anchor) || '.js';
  return { path: path.join(path.dirname(anchor), `pool-helpers${ext}`), exported: new Set() };
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function exportedHelpers(sourceFile: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const name of sourceFile.getExportedDeclarations().keys()) if (HELPER_NAMES.includes(name)) names.add(name);
  // CommonJS: `exports.withClient = ...` / `module.exports = { withClient }`.
  const text = sourceFile.getFullText();
  for (const name of HELPER_NAMES) {
    if (new RegExp(`exports\\.${name}\\s*=|module\\.exports\\s*=\\s*\\{[^}]*\\b${name}\\b`).test(text)) names.add(name);
  }
  return names;
}

function definesPoolAtTopLevel(sourceFile: SourceFile): boolean {
  return sourceFile.getVariableStatements().some((statement) =>
    statement.getDeclarations().some((d) => {
      const init = d.getInitializer();
      if (!init) return false;
      const kind = init.getKind();
      return (kind === SyntaxKind.NewExpression || kind === SyntaxKind.CallExpression) && POOL_DEFINITION.test(init.getText());
    }),
  );
}

function commonAncestorFile(files: string[]): string {
  if (files.length === 0) return path.join(process.cwd(), 'index.js');
  let dir = path.dirname(files[0]);
  for (const f of files) while (!f.startsWith(dir + path.sep) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const ts = files.some((f) => /\.tsx?$/.test(f));
  return path.join(dir, ts ? 'index.ts' : 'index.js');
}

/** Source of one helper, in the module's language (TS or JS) and style (ESM or CommonJS). */
function helperSource(driver: DriverProfile, typescript: boolean, esm: boolean): string {
  const { helperName: name, acquire } = driver;
  const onPool = driver.release[0].on === 'pool';
  const release = onPool ? `pool.${driver.release[0].method}(connection)` : `connection.${driver.release[0].method}()`;
  const types = typescript ? TYPES[driver.id] : undefined;
  const signature = types
    ? `${name}<T>(pool: ${types.pool}, fn: (connection: ${types.connection}) => Promise<T>): Promise<T>`
    : `${name}(pool, fn)`;
  const exported = esm ? 'export ' : '';
  const lines = [
    `/** Runs \`fn\` with a connection checked out of \`pool\`, and always gives it back, even when \`fn\` throws. */`,
    `${exported}async function ${signature} {`,
    `  const connection = await pool.${acquire}();`,
    '  try {',
    '    return await fn(connection);',
    '  } finally {',
    `    ${release};`,
    '  }',
    '}',
  ];
  if (!esm) lines.push('', `module.exports.${name} = ${name};`);
  return lines.join('\n');
}

/** Type imports per driver; pool types are aliased so several helpers can share a module. */
const TYPES: Record<string, { module: string; pool: string; connection: string; names: { name: string; alias?: string }[] }> = {
  pg: { module: 'pg', pool: 'PgPool', connection: 'PoolClient', names: [{ name: 'Pool', alias: 'PgPool' }, { name: 'PoolClient' }] },
  mysql2: { module: 'mysql2/promise', pool: 'MysqlPool', connection: 'PoolConnection', names: [{ name: 'Pool', alias: 'MysqlPool' }, { name: 'PoolConnection' }] },
  mysql: { module: 'mysql', pool: 'any', connection: 'any', names: [] },
  'generic-pool': { module: 'generic-pool', pool: 'GenericPool<R>', connection: 'R', names: [{ name: 'Pool', alias: 'GenericPool' }] },
};

/**
 * The helper module's new text with every requested helper it lacks, or
 * undefined when it already has them all.
 */
export function helperModuleText(plan: HelperPlan, drivers: DriverProfile[], esmHint: boolean): { before: string | null; after: string } | undefined {
  const missing = DRIVERS.filter((d) => drivers.some((r) => r.helperName === d.helperName) && !plan.exported.has(d.helperName)).filter(
    (d, i, all) => all.findIndex((e) => e.helperName === d.helperName) === i,
  );
  if (missing.length === 0) return undefined;
  const typescript = /\.[cm]?tsx?$/.test(plan.path);
  const before = fs.existsSync(plan.path) ? fs.readFileSync(plan.path, 'utf8') : null;
  const esm = /\.m[jt]s$/.test(plan.path) || (!/\.c[jt]s$/.test(plan.path) && (before === null ? esmHint || typescript : /^\s*(import|export)\s/m.test(before)));
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true }, manipulationSettings: { quoteKind: QuoteKind.Single } });
  const sourceFile = project.createSourceFile(`/helper${path.extname(plan.path)}`, before ?? '');
  for (const driver of missing) {
    const types = typescript ? TYPES[driver.id] : undefined;
    if (types && types.names.length > 0) {
      const existing = sourceFile.getImportDeclaration((d) => d.getModuleSpecifierValue() === types.module && d.isTypeOnly());
      if (existing) {
        const have = existing.getNamedImports().map((n) => n.getName());
        existing.addNamedImports(types.names.filter((n) => !have.includes(n.name)));
      } else {
        sourceFile.insertImportDeclaration(0, { moduleSpecifier: types.module, namedImports: types.names, isTypeOnly: true });
      }
    }
    sourceFile.addStatements(`\n${helperSource(driver, typescript, esm).replace('<T>', driver.id === 'generic-pool' ? '<R, T>' : '<T>')}`);
  }
  let after = sourceFile.getFullText();
  if (!after.endsWith('\n')) after += '\n';
  return { before, after: after.replace(/^\n+/, '') };
}
