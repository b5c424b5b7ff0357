/**
 * Modules a run writes on behalf of the files it rewrites: a shared pool
 * module (client-to-pool), the scoped helper module (`--style helper`), an
 * `export` for an existing pool another module now imports, and a
 * dependency in package.json. Each is written in the project's module
 * system and code style. The providers in providers.ts call these.
 */
import path from 'node:path';
import * as t from '@babel/types';
import { type DriverProfile, driverById, releaseCall } from '../../drivers';
import { applyEdits } from '../../core/edits';
import { collectFacts } from './facts';
import { parseFile } from './parse';
import type { DevReload } from '../../project/dev-reload';
import { type JsStyle, nextLineStart, quoted, statement } from './style';

/** The text of a new pool module. */
export function poolModuleText(options: {
  driver: string;
  name: string;
  config: string;
  api?: 'callback';
  esm: boolean;
  style: JsStyle;
  /** The framework that hot-reloads server modules in development: the pool is kept on globalThis outside production. */
  devReload?: DevReload;
  typescript?: boolean;
}): string {
  const driver = driverById(options.driver);
  const shared = driver.sharedPool;
  if (!shared) throw new Error(`no shared pool recipe for ${driver.id}`);
  // A callback pool comes from the driver's callback module (mysql2, not mysql2/promise).
  const module = options.api === 'callback' && driver.callbackModule ? driver.callbackModule : shared.module;
  const { style } = options;
  const binding = shared.importKind === 'named' ? `{ ${shared.importName} }` : shared.importName;
  const create = shared.create(options.config);
  const comment = '// The one pool this project shares (written by pool-codemod client-to-pool).';
  const declare = (keyword: string) =>
    options.devReload
      ? cachedPool(keyword, options.name, create, {
          ...options.devReload,
          key: `${driver.id.replace(/\W/g, '')}${options.name[0].toUpperCase()}${options.name.slice(1)}`,
          type: options.typescript ? shared.type : null,
          style,
        })
      : [statement(`${keyword} ${options.name} = ${create}`, style)];
  const lines = options.esm
    ? [statement(`import ${binding} from ${quoted(module, style)}`, style), '', comment, ...declare('export const')]
    : [
        statement(`const ${binding} = require(${quoted(module, style)})`, style),
        '',
        comment,
        ...declare('const'),
        '',
        statement(`module.exports = { ${options.name} }`, style),
      ];
  return lines.join(style.eol) + style.eol;
}

/**
 * The pool kept on globalThis outside production, for a framework whose
 * development server evaluates the module again on every edit: each reload
 * would otherwise open a new pool while the old ones keep their connections.
 * In production the module loads once and the cache is never written.
 */
function cachedPool(
  keyword: string,
  name: string,
  create: string,
  cache: DevReload & { key: string; type: string | null; style: JsStyle },
): string[] {
  const { key, type, style } = cache;
  return [
    `// \`${cache.command}\` (${cache.framework}) evaluates this module again on every edit; outside production`,
    '// the pool is kept on globalThis, so that a reload reuses it instead of opening another one.',
    statement(`const cache = globalThis${type ? ` as unknown as { ${key}?: ${type} }` : ''}`, style),
    statement(`${keyword} ${name} = cache.${key} ?? ${create}`, style),
    statement(`if (process.env.NODE_ENV !== ${quoted('production', style)}) cache.${key} = ${name}`, style),
  ];
}

/**
 * `const pool = ...` at module level becomes exported: `export const pool`
 * (ES module), or `module.exports.pool = pool` added at the end (CommonJS).
 * Undefined when the module has no such declaration.
 */
export function exportPoolText(file: string, text: string, name: string): string | undefined {
  const ast = parseFile(file, text);
  const facts = collectFacts(ast, text);
  const declaration = ast.program.body.find(
    (s): s is t.VariableDeclaration =>
      t.isVariableDeclaration(s) && s.declarations.some((d) => t.isIdentifier(d.id, { name })),
  );
  if (!declaration) return undefined;
  if (facts.esm || (!facts.usesRequire && /\.(m?ts|tsx|mjs)$/.test(file))) {
    const at = declaration.start ?? 0;
    return applyEdits(text, [{ start: at, end: at, text: 'export ' }]);
  }
  const style = facts.style;
  const ending = text.endsWith('\n') ? '' : style.eol;
  return `${text}${ending}${style.eol}${statement(`module.exports.${name} = ${name}`, style)}${style.eol}`;
}

/** Type imports per driver for a TypeScript helper module; pool types are aliased so several helpers share a module. */
function helperSource(driver: DriverProfile, typescript: boolean, esm: boolean, style: JsStyle): string[] {
  const { helperName: name, acquire } = driver;
  const step = style.indent;
  const release = releaseCall(driver, 'pool', 'connection');
  const types = typescript ? driver.helperTypes : null;
  const generics = driver.id === 'generic-pool' ? '<R, T>' : '<T>';
  const signature = types
    ? `${name}${generics}(pool: ${types.pool}, fn: (connection: ${types.connection}) => Promise<T>): Promise<T>`
    : `${name}(pool, fn)`;
  const lines = [
    '/** Runs `fn` with a connection checked out of `pool`, and always gives it back, even when `fn` throws. */',
    `${esm ? 'export ' : ''}async function ${signature} {`,
    `${step}${statement(`const connection = await pool.${acquire}()`, style)}`,
    `${step}try {`,
    `${step}${step}${statement('return await fn(connection)', style)}`,
    `${step}} finally {`,
    `${step}${step}${statement(release, style)}`,
    `${step}}`,
    '}',
  ];
  if (!esm) lines.push('', statement(`module.exports.${name} = ${name}`, style));
  return lines;
}

/**
 * The helper module with every requested helper it lacks: created, or
 * extended (helpers appended; TypeScript type imports added at the top).
 */
export function helperModuleText(options: {
  file: string;
  before: string | null;
  drivers: string[];
  exported: readonly string[];
  esm: boolean;
  style: JsStyle;
}): string | undefined {
  const typescript = /\.[cm]?tsx?$/.test(options.file);
  const esm =
    /\.m[jt]s$/.test(options.file) ||
    (!/\.c[jt]s$/.test(options.file) &&
      (options.before === null ? options.esm || typescript : /^\s*(import|export)\s/m.test(options.before)));
  const drivers = [...new Set(options.drivers)].map(driverById);
  const missing = drivers.filter(
    (d, i) => !options.exported.includes(d.helperName) && drivers.findIndex((e) => e.helperName === d.helperName) === i,
  );
  if (missing.length === 0) return undefined;
  const { style } = options;
  const imports = typescript
    ? missing
        .filter((d) => d.helperTypes && d.helperTypes.names.length > 0)
        .map((d) =>
          statement(
            `import type { ${d.helperTypes!.names.map((n) => (n.alias ? `${n.name} as ${n.alias}` : n.name)).join(', ')} } from ${quoted(d.helperTypes!.module, style)}`,
            style,
          ),
        )
    : [];
  const bodies = missing
    .map((d) => helperSource(d, typescript, esm, style).join(style.eol))
    .join(style.eol + style.eol);
  if (options.before === null)
    return `${imports.length > 0 ? imports.join(style.eol) + style.eol + style.eol : ''}${bodies}${style.eol}`;
  const before = options.before;
  const separator = before.endsWith('\n') ? '' : style.eol;
  const appended = `${before}${separator}${style.eol}${bodies}${style.eol}`;
  if (imports.length === 0) return appended;
  // Type imports join the module's own imports (or open it).
  const ast = parseFile(options.file, before);
  const lastImport = [...ast.program.body].reverse().find((s) => t.isImportDeclaration(s));
  const at = lastImport ? nextLineStart(appended, lastImport.end ?? 0) : 0;
  return applyEdits(appended, [
    { start: at, end: at, text: imports.join(style.eol) + style.eol + (lastImport ? '' : style.eol) },
  ]);
}

/** `db.ts` (or .js/.mjs) in the common directory of the files that need it, unless the name is taken. */
export function defaultPoolModulePath(files: readonly string[], exists: (file: string) => boolean): string | undefined {
  if (files.length === 0) return undefined;
  let dir = path.dirname(files[0]);
  for (const f of files) while (!f.startsWith(dir + path.sep) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const ext = files.some((f) => /\.tsx?$/.test(f)) ? '.ts' : path.extname(files[0]) === '.mjs' ? '.mjs' : '.js';
  for (const name of ['db', 'pool', 'shared-pool']) {
    const candidate = path.join(dir, `${name}${ext}`);
    if (!exists(candidate)) return candidate;
  }
  return undefined;
}

/**
 * package.json with a dependency added to "dependencies" (created if
 * missing): inserted in key order, in the file's own layout (one line per
 * entry, or all on one line) and indentation; every other byte stays.
 * Unchanged when the package is already a dependency of any kind.
 */
export function addDependencyText(text: string, name: string, version: string): string {
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const kinds = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
  if (kinds.some((k) => typeof manifest[k] === 'object' && manifest[k] !== null && name in manifest[k])) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const entry = `${JSON.stringify(name)}: ${JSON.stringify(version)}`;
  const keys = topLevelKeys(text);
  const dependencies = keys.find((k) => k.key === 'dependencies');
  if (!dependencies) {
    // No "dependencies" yet: a new one after the last key of the manifest.
    const last = keys[keys.length - 1];
    const unit = /\n([ \t]+)"/.exec(text)?.[1];
    if (!last) return `{${eol}  "dependencies": {${eol}    ${entry}${eol}  }${eol}}${eol}`;
    if (unit === undefined)
      return `${text.slice(0, last.valueEnd)}, "dependencies": { ${entry} }${text.slice(last.valueEnd)}`;
    return `${text.slice(0, last.valueEnd)},${eol}${unit}"dependencies": {${eol}${unit}${unit}${entry}${eol}${unit}}${text.slice(last.valueEnd)}`;
  }
  const open = text.indexOf('{', dependencies.valueStart);
  const close = dependencies.valueEnd - 1;
  const body = text.slice(open + 1, close);
  const inner = [...body.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)].map((m) => ({
    key: m[1],
    at: open + 1 + (m.index ?? 0),
  }));
  const multiline = body.includes('\n');
  const indent = multiline ? (/\n([ \t]*)"/.exec(body)?.[1] ?? '    ') : '';
  if (inner.length === 0) {
    const outer = /\n([ \t]*)"dependencies"/.exec(text)?.[1] ?? '';
    return multiline || text.includes('\n')
      ? `${text.slice(0, open + 1)}${eol}${outer}  ${entry}${eol}${outer}${text.slice(close)}`
      : `${text.slice(0, open + 1)} ${entry} ${text.slice(close)}`;
  }
  const next = inner.find((k) => k.key.localeCompare(name) > 0);
  const separator = multiline ? `,${eol}${indent}` : ', ';
  if (next) return `${text.slice(0, next.at)}${entry}${separator}${text.slice(next.at)}`;
  const lastValueEnd = open + 1 + body.replace(/\s*$/, '').length;
  return `${text.slice(0, lastValueEnd)}${separator}${entry}${text.slice(lastValueEnd)}`;
}

/** The keys of a JSON object's top level, each with where its value starts and ends. */
function topLevelKeys(text: string): { key: string; valueStart: number; valueEnd: number }[] {
  const keys: { key: string; valueStart: number; valueEnd: number }[] = [];
  let depth = 0;
  let pending: { key: string; valueStart: number } | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const str = text.slice(i + 1, j);
      if (depth === 1 && !pending && /^\s*:/.test(text.slice(j + 1)))
        pending = { key: JSON.parse(`"${str}"`) as string, valueStart: text.indexOf(':', j) + 1 };
      else if (depth === 1 && pending) closeValue(j + 1);
      i = j;
      continue;
    }
    if (ch === '{' || ch === '[') depth++;
    if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 1 && pending) closeValue(i + 1);
    }
    if (depth === 1 && pending && /[\d\-tfn]/.test(ch) && /^\s*$/.test(text.slice(pending.valueStart, i))) {
      const m = /^(-?[\d.eE+-]+|true|false|null)/.exec(text.slice(i));
      if (m) {
        closeValue(i + m[0].length);
        i += m[0].length - 1;
      }
    }
  }
  return keys;

  function closeValue(end: number): void {
    if (pending) keys.push({ ...pending, valueEnd: end });
    pending = null;
  }
}
