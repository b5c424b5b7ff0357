/**
 * Imports the tool writes and removes, in the file's own module system and
 * style: `import { x } from './db.js'` in an ES module (with the extension
 * Node.js or the project's TypeScript resolution needs), `const { x } =
 * require('./db')` in CommonJS; and bindings a rewrite left unused go.
 */
import path from 'node:path';
import * as t from '@babel/types';
import type { Edit } from '../../core/types';
import type { ProjectInfo } from '../../project/package-info';
import type { FileFacts, ModuleImport } from './facts';
import { isNode } from './nodes';
import { type JsStyle, indentAt, lineStart, linesAt, nextLineStart, quoted, statement } from './style';
import { removeStatementEdit } from './text-edits';

export type ModuleSystem = 'esm' | 'cjs';

/** How this file imports: its own syntax first, then its extension, then its package. */
export function moduleSystem(
  file: string,
  facts: Pick<FileFacts, 'esm' | 'usesRequire'>,
  project: Pick<ProjectInfo, 'esm'>,
): ModuleSystem {
  if (/\.m[jt]s$/.test(file)) return 'esm';
  if (/\.c[jt]s$/.test(file)) return 'cjs';
  if (facts.esm) return 'esm';
  if (facts.usesRequire) return 'cjs';
  return /\.tsx?$/.test(file) || project.esm ? 'esm' : 'cjs';
}

/**
 * The specifier that reaches `target` from `fromFile` under the project's
 * resolution: Node.js ES modules need the file's extension; TypeScript under
 * NodeNext/Node16 writes `.js` for `.ts`; CommonJS `require` and bundler
 * resolution take none. A file whose own relative imports carry extensions
 * keeps doing so.
 */
export function importSpecifier(
  fromFile: string,
  target: string,
  system: ModuleSystem,
  project: Pick<ProjectInfo, 'esm' | 'tsconfig'>,
  facts?: Pick<FileFacts, 'imports'>,
): string {
  let relative = path
    .relative(path.dirname(path.resolve(fromFile)), path.resolve(target))
    .split(path.sep)
    .join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const ext = path.extname(relative);
  const base = relative.slice(0, relative.length - ext.length);
  if (ext === '.mjs' || ext === '.cjs') return relative;
  if (ext === '.mts') return `${base}.mjs`;
  if (ext === '.cts') return `${base}.cjs`;
  const runtimeExt = ext === '.ts' || ext === '.tsx' ? '.js' : ext;
  const fromTs = /\.[cm]?tsx?$/.test(fromFile);
  const habit = facts ? relativeImportHabit(facts) : undefined;
  let needsExtension: boolean;
  if (fromTs) {
    const resolution = project.tsconfig?.moduleResolution ?? '';
    needsExtension = resolution === 'nodenext' || resolution === 'node16' || habit === true;
  } else {
    needsExtension =
      system === 'esm' ? (project.esm || /\.mjs$/.test(fromFile) || habit === true) && habit !== false : habit === true;
  }
  return needsExtension ? `${base}${runtimeExt}` : base;
}

/** Whether the file's own relative imports carry a file extension (undefined when it has none to go by). */
function relativeImportHabit(facts: Pick<FileFacts, 'imports'>): boolean | undefined {
  const relative = facts.imports.filter((i) => i.source.startsWith('.'));
  if (relative.length === 0) return undefined;
  return relative.some((i) => /\.[cm]?js$/.test(i.source));
}

export interface ImportRequest {
  name: string;
  specifier: string;
}

/**
 * Edits that bring `name` into scope from `specifier`: added to an existing
 * import of that module, or a new statement after the file's last import
 * (or at its top, after any shebang, directives and leading comments).
 */
export function addNamedImport(
  request: ImportRequest,
  text: string,
  ast: t.File,
  facts: FileFacts,
  system: ModuleSystem,
  style: JsStyle,
): Edit[] {
  const { name, specifier } = request;
  if (system === 'esm') {
    const existing = facts.imports.find(
      (i) =>
        i.kind === 'import' &&
        i.source === specifier &&
        t.isImportDeclaration(i.statement) &&
        i.statement.importKind !== 'type',
    );
    if (existing && t.isImportDeclaration(existing.statement)) {
      if (existing.bindings.some((b) => b.imported === name)) return [];
      const added = extendImport(existing.statement, name, text);
      if (added) return [added];
    }
    return [newStatement(`import { ${name} } from ${quoted(specifier, style)}`, text, ast, facts, 'import', style)];
  }
  const existing = facts.imports.find(
    (i) => i.kind === 'require' && i.source === specifier && i.bindings.some((b) => b.imported === name),
  );
  if (existing) return [];
  return [newStatement(`const { ${name} } = require(${quoted(specifier, style)})`, text, ast, facts, 'require', style)];
}

/** `import a from 'm'` -> `import a, { x } from 'm'`; `import { a } from 'm'` -> `import { a, x } from 'm'`. */
function extendImport(declaration: t.ImportDeclaration, name: string, text: string): Edit | undefined {
  const named = declaration.specifiers.filter((s): s is t.ImportSpecifier => t.isImportSpecifier(s));
  if (named.length > 0) {
    const last = named[named.length - 1];
    const end = last.end ?? 0;
    const multiline =
      text.slice(declaration.start ?? 0, end).includes('\n') &&
      /\n[ \t]*$/.test(text.slice(lineStart(text, last.start ?? 0), last.start ?? 0));
    const separator = multiline ? `,\n${indentAt(text, last.start ?? 0)}` : ', ';
    return { start: end, end, text: `${separator}${name}` };
  }
  if (declaration.specifiers.length === 1 && t.isImportDefaultSpecifier(declaration.specifiers[0])) {
    const end = declaration.specifiers[0].end ?? 0;
    return { start: end, end, text: `, { ${name} }` };
  }
  return undefined;
}

/** A whole new import or require statement on its own line, placed with its kind. */
function newStatement(
  code: string,
  text: string,
  ast: t.File,
  facts: FileFacts,
  kind: 'import' | 'require',
  style: JsStyle,
): Edit {
  const line = statement(code, style);
  const anchor = lastTopLevelImport(ast, facts, kind);
  if (anchor) {
    const at = nextLineStart(text, anchor.end ?? 0);
    return {
      start: at,
      end: at,
      text: linesAt(text, at, `${indentAt(text, anchor.start ?? 0)}${line}${style.eol}`, style.eol),
    };
  }
  const body = ast.program.body;
  const first = body[0];
  const directives = ast.program.directives;
  if (!first) {
    const at =
      directives.length > 0 ? nextLineStart(text, directives[directives.length - 1].end ?? 0) : interpreterEnd(text);
    return { start: at, end: at, text: `${line}${style.eol}` };
  }
  // After the statements' leading comments (a license or docblock stays on top).
  const at = lineStart(text, first.start ?? 0);
  return { start: at, end: at, text: `${line}${style.eol}${style.eol}` };
}

function interpreterEnd(text: string): number {
  return text.startsWith('#!') ? nextLineStart(text, 0) : 0;
}

/** The last module-level import (or require declaration) statement. */
function lastTopLevelImport(ast: t.File, facts: FileFacts, kind: 'import' | 'require'): t.Statement | undefined {
  const topLevel = new Set<t.Node>(ast.program.body);
  const statements = facts.imports
    .filter(
      (i) =>
        (kind === 'import' ? i.kind === 'import' : i.kind === 'require') && i.statement && topLevel.has(i.statement),
    )
    .map((i) => i.statement!);
  return statements.sort((a, b) => (a.start ?? 0) - (b.start ?? 0)).pop();
}

/** A key for one import binding that survives re-parsing: module, imported name, local name. */
function bindingKey(source: string, imported: string, local: string): string {
  return `${source}\u0000${imported}\u0000${local}`;
}

/**
 * Every identifier name used in the file outside import declarations, in
 * value, type and JSX positions, counted. Over-counting is safe (an import
 * is only removed when its name appears nowhere else). `declaring` holds the
 * pattern properties of `const { a } = require('m')`, which declare rather
 * than use.
 */
function nameUses(ast: t.File, declaring: ReadonlySet<t.Node> = new Set()): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (node: t.Node, parent: t.Node | null, key: string) => {
    if (t.isImportDeclaration(node)) return;
    if ((t.isIdentifier(node) || t.isJSXIdentifier(node)) && countsAsUse(parent, key, node, declaring))
      counts.set(node.name, (counts.get(node.name) ?? 0) + 1);
    for (const childKey of t.VISITOR_KEYS[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[childKey];
      if (Array.isArray(value)) {
        for (const v of value) if (isNode(v)) visit(v, node, childKey);
      } else if (isNode(value)) {
        visit(value, node, childKey);
      }
    }
  };
  visit(ast.program, null, 'program');
  return counts;
}

function countsAsUse(parent: t.Node | null, key: string, node: t.Node, declaring: ReadonlySet<t.Node>): boolean {
  if (!parent) return true;
  if (
    (t.isMemberExpression(parent) || t.isOptionalMemberExpression(parent) || t.isJSXMemberExpression(parent)) &&
    key === 'property' &&
    !('computed' in parent && parent.computed)
  )
    return false;
  if (
    (t.isObjectProperty(parent) ||
      t.isObjectMethod(parent) ||
      t.isClassProperty(parent) ||
      t.isClassMethod(parent) ||
      t.isTSPropertySignature(parent) ||
      t.isTSMethodSignature(parent)) &&
    key === 'key' &&
    !parent.computed
  ) {
    return t.isObjectProperty(parent) && parent.shorthand && !declaring.has(parent);
  }
  if (t.isJSXAttribute(parent) && key === 'name') return false;
  if (t.isExportSpecifier(parent) && key === 'exported' && parent.local !== node) return false;
  if (t.isLabeledStatement(parent) || t.isBreakStatement(parent) || t.isContinueStatement(parent)) return false;
  // The binding of `const pg = require('pg')` is its declaration, not a use.
  if (t.isVariableDeclarator(parent) && key === 'id') return false;
  if (t.isObjectProperty(parent) && key === 'value') return !declaring.has(parent);
  return true;
}

/** The pattern properties of import-like declarations (`const { a } = require('m')`). */
function declaringProperties(imports: readonly ModuleImport[]): Set<t.Node> {
  const set = new Set<t.Node>();
  for (const i of imports) {
    if (!t.isVariableDeclaration(i.statement)) continue;
    for (const d of i.statement.declarations) if (t.isObjectPattern(d.id)) for (const p of d.id.properties) set.add(p);
  }
  return set;
}

/** Import bindings that are referenced somewhere in the file, by key. */
export function usedImportBindings(ast: t.File, facts: FileFacts): Set<string> {
  const imports = importLike(facts);
  const uses = nameUses(ast, declaringProperties(imports));
  const used = new Set<string>();
  for (const i of imports)
    for (const b of i.bindings) if ((uses.get(b.local) ?? 0) > 0) used.add(bindingKey(i.source, b.imported, b.local));
  return used;
}

/**
 * Imports as bindings: ES imports, requires, and `const { Client } = pg`
 * taken apart from a namespace binding (keyed under the namespace's module).
 */
function importLike(facts: FileFacts): ModuleImport[] {
  const list = facts.imports.filter((i) => i.statement);
  const namespaces = new Map<string, string>();
  for (const i of list)
    for (const b of i.bindings) if (b.imported === '*' || b.imported === 'default') namespaces.set(b.local, i.source);
  for (const d of facts.declarators) {
    const node = d.node;
    if (!t.isIdentifier(node.init) || !t.isObjectPattern(node.id) || !namespaces.has(node.init.name)) continue;
    if (!d.parentPath.isVariableDeclaration()) continue;
    const bindings: ModuleImport['bindings'] = [];
    for (const p of node.id.properties) {
      if (t.isObjectProperty(p) && t.isIdentifier(p.key) && t.isIdentifier(p.value))
        bindings.push({ local: p.value.name, imported: p.key.name, typeOnly: false });
    }
    list.push({
      source: namespaces.get(node.init.name)!,
      statement: d.parentPath.node,
      kind: 'require',
      node,
      bindings,
    });
  }
  return list;
}

/**
 * Edits removing import bindings that were used in the original text
 * (`usedBefore`) and are used nowhere now; a declaration left with nothing
 * goes whole. Side-effect imports are never touched.
 */
export function pruneImports(text: string, ast: t.File, facts: FileFacts, usedBefore: ReadonlySet<string>): Edit[] {
  const imports = importLike(facts);
  const uses = nameUses(ast, declaringProperties(imports));
  const edits: Edit[] = [];
  for (const i of imports) {
    const statementNode = i.statement;
    if (!statementNode || i.bindings.length === 0) continue;
    const dead = new Set(
      i.bindings
        .filter((b) => usedBefore.has(bindingKey(i.source, b.imported, b.local)) && (uses.get(b.local) ?? 0) === 0)
        .map((b) => b.local),
    );
    if (dead.size === 0) continue;
    if (t.isImportDeclaration(statementNode)) edits.push(...pruneImportDeclaration(statementNode, dead, text));
    else edits.push(...pruneDeclaration(statementNode, dead, text));
  }
  return edits;
}

function pruneImportDeclaration(declaration: t.ImportDeclaration, dead: Set<string>, text: string): Edit[] {
  const specifiers = declaration.specifiers;
  const kept = specifiers.filter((s) => !dead.has(s.local.name));
  if (kept.length === 0) return [removeStatementEdit(declaration, text)];
  const named = specifiers.filter((s): s is t.ImportSpecifier => t.isImportSpecifier(s));
  const keptNamed = named.filter((s) => !dead.has(s.local.name));
  const edits: Edit[] = [];
  const defaultSpecifier = specifiers.find((s) => !t.isImportSpecifier(s));
  if (named.length > 0 && keptNamed.length === 0) {
    // `import a, { b } from 'm'` -> `import a from 'm'`: drop from after the default binding to the closing brace.
    const close = text.indexOf('}', named[named.length - 1].end ?? 0);
    edits.push({ start: defaultSpecifier?.end ?? 0, end: close + 1, text: '' });
  } else {
    edits.push(...removeListItems(named, (s) => dead.has(s.local.name)));
  }
  if (defaultSpecifier && dead.has(defaultSpecifier.local.name)) {
    // `import a, { b } from 'm'` -> `import { b } from 'm'`.
    const brace = text.indexOf('{', defaultSpecifier.end ?? 0);
    edits.push({ start: defaultSpecifier.start ?? 0, end: brace, text: '' });
  }
  return edits;
}

function pruneDeclaration(declaration: t.VariableDeclaration, dead: Set<string>, text: string): Edit[] {
  if (declaration.declarations.length !== 1) return [];
  const id = declaration.declarations[0].id;
  if (t.isIdentifier(id)) return dead.has(id.name) ? [removeStatementEdit(declaration, text)] : [];
  if (!t.isObjectPattern(id)) return [];
  const properties = id.properties;
  const isDead = (p: t.Node) => t.isObjectProperty(p) && t.isIdentifier(p.value) && dead.has(p.value.name);
  if (properties.every(isDead)) return [removeStatementEdit(declaration, text)];
  return removeListItems(properties, isDead);
}

/** Remove items from a comma-separated list, with the comma that separates each. */
function removeListItems<T extends t.Node>(items: T[], remove: (item: T) => boolean): Edit[] {
  const edits: Edit[] = [];
  items.forEach((item, index) => {
    if (!remove(item)) return;
    const next = items[index + 1];
    if (next) {
      edits.push({ start: item.start ?? 0, end: next.start ?? 0, text: '' });
    } else {
      const previous = [...items.slice(0, index)].reverse().find((p) => !remove(p));
      if (!previous) return;
      edits.push({ start: previous.end ?? 0, end: item.end ?? 0, text: '' });
    }
  });
  return mergeAdjacent(edits);
}

function mergeAdjacent(edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: Edit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.end >= e.start) last.end = Math.max(last.end, e.end);
    else out.push({ ...e });
  }
  return out;
}
