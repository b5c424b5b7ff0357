/**
 * One traversal per parse: what every transform looks up (imports, calls,
 * constructions, awaits, functions, try statements, declarations), indexed,
 * with Babel's scopes for binding lookups, and the counts the file's style
 * is read from. Transforms query these lists instead of walking the tree
 * again, which keeps the work per file linear in its size.
 */
import traverse, { type NodePath, type Scope, type Visitor } from '@babel/traverse';
import * as t from '@babel/types';
import type { Span } from '../../core/types';
import { walk } from './nodes';
import { type JsStyle, type StyleCounts, emptyStyleCounts, foundIndentUnit, styleOf } from './style';

/** A module the file imports, in any form. */
export interface ModuleImport {
  source: string;
  /** The statement that imports it (an `import`, or the `const x = require(...)` declaration), if it is one. */
  statement: t.ImportDeclaration | t.VariableDeclaration | null;
  /** Local bindings: `{ local, imported }` (`imported` is `default` or `*` for default and namespace forms). */
  bindings: { local: string; imported: string; typeOnly: boolean }[];
  kind: 'import' | 'require' | 'dynamic';
  node: t.Node;
}

export interface FileFacts {
  program: NodePath<t.Program>;
  scope: Scope;
  imports: ModuleImport[];
  calls: NodePath<t.CallExpression | t.OptionalCallExpression>[];
  news: NodePath<t.NewExpression>[];
  awaits: NodePath<t.AwaitExpression>[];
  functions: NodePath<t.Function>[];
  tries: NodePath<t.TryStatement>[];
  declarators: NodePath<t.VariableDeclarator>[];
  /** `x = ...` assignments anywhere (for escapes and module exports). */
  assignments: NodePath<t.AssignmentExpression>[];
  /** The file uses ES module syntax (import/export). */
  esm: boolean;
  /** The file calls `require(...)`. */
  usesRequire: boolean;
  /**
   * Text ranges whose line breaks belong to a literal (template text, a
   * string continued over lines): a line starting inside one must never be
   * re-indented, or the literal's value would change.
   */
  literals: Span[];
  style: JsStyle;
  /** Whether the file shows its own indent unit (else the style's is the default, and its neighbours' may say better). */
  indentFound: boolean;
}

/** Statement kinds whose end tells whether the file writes semicolons. */
const SEMI_STATEMENTS = new Set([
  'ExpressionStatement',
  'VariableDeclaration',
  'ReturnStatement',
  'ThrowStatement',
  'ImportDeclaration',
  'BreakStatement',
  'ContinueStatement',
]);

/** What the collector fills in while it walks one file. */
interface Collecting {
  text: string;
  /** The file's comments in source order (`File.comments`). */
  comments: readonly t.Comment[];
  counts: StyleCounts;
  facts: Omit<FileFacts, 'program' | 'scope' | 'style' | 'indentFound'>;
}

// Read once: @babel/types hands out each export through a getter, and the walk asks at every node.
const { isStatement, isFunction } = t;

/**
 * The path of the node the walk is at, as the program scope's crawl made
 * and cached it, with its scope. The crawl skips only type annotations,
 * which hold none of the nodes whose paths are collected; a node it did
 * not reach would be a change in Babel, and is said as such rather than
 * read without a scope.
 */
function pathOf<N extends t.Node>(node: N, parent: t.Node): NodePath<N> {
  const path = traverse.cache.path.get(parent)?.get(node);
  if (!path) throw new Error(`Babel's scope crawl made no path for a ${node.type} at offset ${node.start}`);
  return path as NodePath<N>;
}

function noteCall(node: t.CallExpression | t.OptionalCallExpression, parent: t.Node, state: Collecting): void {
  const { facts, counts, text } = state;
  const p = pathOf(node, parent);
  facts.calls.push(p);
  const required = requireSource(node);
  if (required !== undefined) {
    facts.usesRequire = true;
    countQuote(node.arguments[0], counts.moduleQuotes, text);
    facts.imports.push(requireImport(p, required));
  } else if (t.isImport(node.callee) && t.isStringLiteral(node.arguments[0])) {
    facts.imports.push({
      source: node.arguments[0].value,
      statement: null,
      kind: 'dynamic',
      node,
      bindings: [],
    });
  }
}

function noteImport(node: t.ImportDeclaration, state: Collecting): void {
  state.facts.esm = true;
  countQuote(node.source, state.counts.moduleQuotes, state.text);
  state.facts.imports.push({
    source: node.source.value,
    statement: node,
    kind: 'import',
    node,
    bindings: node.specifiers.map((s) => ({
      local: s.local.name,
      imported: t.isImportDefaultSpecifier(s)
        ? 'default'
        : t.isImportNamespaceSpecifier(s)
          ? '*'
          : importedName(s.imported),
      typeOnly: node.importKind === 'type' || (t.isImportSpecifier(s) && s.importKind === 'type'),
    })),
  });
}

function noteString(node: t.StringLiteral, parent: t.Node, state: Collecting): void {
  if (state.text.slice(node.start ?? 0, node.end ?? 0).includes('\n'))
    state.facts.literals.push({ start: node.start ?? 0, end: node.end ?? 0 });
  if (!t.isImportDeclaration(parent) && !t.isJSXAttribute(parent) && !t.isCallExpression(parent))
    countQuote(node, state.counts.otherQuotes, state.text);
}

/** What is collected of one node (before its children, in source order, as a traversal's `enter` would). */
function note(node: t.Node, parent: t.Node, state: Collecting): void {
  const { facts } = state;
  switch (node.type) {
    case 'ImportDeclaration':
      noteImport(node, state);
      break;
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
    case 'ExportAllDeclaration':
      facts.esm = true;
      break;
    case 'CallExpression':
    case 'OptionalCallExpression':
      noteCall(node, parent, state);
      break;
    case 'NewExpression':
      facts.news.push(pathOf(node, parent));
      break;
    case 'AwaitExpression':
      facts.awaits.push(pathOf(node, parent));
      break;
    case 'TryStatement':
      facts.tries.push(pathOf(node, parent));
      break;
    case 'VariableDeclarator':
      facts.declarators.push(pathOf(node, parent));
      break;
    case 'AssignmentExpression':
      facts.assignments.push(pathOf(node, parent));
      break;
    case 'TemplateElement':
      // The line start right at the element's end is its closing backtick (or `${`): still inside the value.
      if (node.value.raw.includes('\n')) facts.literals.push({ start: node.start ?? 0, end: (node.end ?? 0) + 1 });
      break;
    case 'StringLiteral':
      noteString(node, parent, state);
      break;
  }
  if (isFunction(node)) facts.functions.push(pathOf(node, parent));
  if (isStatement(node) && !isLoopHead(node, parent)) noteStatement(node, parent, state);
}

/** `for (let i = 0; ...)`, `for (const x of xs)`: a declaration Babel does not count as a statement. */
function isLoopHead(node: t.Statement, parent: t.Node): boolean {
  return (
    t.isVariableDeclaration(node) &&
    ((t.isForXStatement(parent) && parent.left === node) || (t.isForStatement(parent) && parent.init === node))
  );
}

function noteStatement(node: t.Statement, parent: t.Node, state: Collecting): void {
  const guard = leadingSemicolonEnd(node, state.text, state.comments);
  // The `;` opening the next line belongs to the statement after it: every edit that goes after this one goes before it.
  if (guard !== undefined) node.end = guard;
  countSemicolon(node, parent, state.counts, state.text);
}

/**
 * Babel keeps every node's paths and scope in module-wide weak maps (its
 * `traverse.cache`). An entry goes only once a collection finds its node
 * dead, and V8 visits weak-map entries in every collection, young ones too:
 * holding the trees of every file since the last full collection, the maps
 * made each scavenge slower. New maps after each file leave the old ones
 * garbage at once (application bench, one thread: 11.5 s to 10.7 s, time in
 * scavenges 1.89 s to 1.50 s, same findings and rewrites).
 */
export function forgetTrees(): void {
  traverse.cache.clear();
}

/**
 * A reading of the file's facts computed once per parse, however many
 * transforms ask: pools, constructions and checkouts are asked for by most
 * of them, and each walk is over every call of the file (a file of
 * thousands of functions paid it a dozen times a pass). Callers get the
 * same value, so it is read-only to them.
 */
export function perParse<T>(compute: (facts: FileFacts) => T): (facts: FileFacts) => T {
  const cache = new WeakMap<FileFacts, T>();
  return (facts) => {
    if (cache.has(facts)) return cache.get(facts) as T;
    const value = compute(facts);
    cache.set(facts, value);
    return value;
  };
}

/**
 * Entering the program crawls its scope: one traversal that makes and
 * caches every node's path with its scope. The facts are then read by a
 * plain walk that takes those paths, not by a second traversal (which cost
 * a third of the collection, in contexts and queues).
 */
const PROGRAM_ONLY: Visitor<{ program?: NodePath<t.Program> }> = {
  Program(p, found) {
    found.program = p;
    p.skip();
  },
};

export function collectFacts(ast: t.File, text: string): FileFacts {
  const state: Collecting = {
    text,
    comments: ast.comments ?? [],
    counts: emptyStyleCounts(),
    facts: {
      imports: [],
      calls: [],
      news: [],
      awaits: [],
      functions: [],
      tries: [],
      declarators: [],
      assignments: [],
      esm: false,
      usesRequire: false,
      literals: [],
    },
  };
  const found: { program?: NodePath<t.Program> } = {};
  traverse(ast, PROGRAM_ONLY, undefined, found);
  const { program } = found;
  if (!program) throw new Error('no program');
  // Every node below the program, in source order, each noted before its children (into nested functions too).
  walk(ast.program, (node, parent) => (parent ? note(node, parent, state) : undefined), true);
  const { facts, counts } = state;
  const indent = foundIndentUnit(text, facts.literals);
  return {
    ...facts,
    program,
    scope: program.scope,
    style: styleOf(text, counts, indent),
    indentFound: indent !== undefined,
  };
}

function importedName(imported: t.Identifier | t.StringLiteral): string {
  return t.isIdentifier(imported) ? imported.name : imported.value;
}

/** `require('x')` with one string argument: `x`. */
export function requireSource(node: t.Node): string | undefined {
  if (!t.isCallExpression(node) || !t.isIdentifier(node.callee, { name: 'require' }) || node.arguments.length !== 1)
    return undefined;
  const arg = node.arguments[0];
  if (t.isStringLiteral(arg)) return arg.value;
  if (t.isTemplateLiteral(arg) && arg.expressions.length === 0) return arg.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/**
 * `const x = require('m')`, `const { a, b: c } = require('m')`, `const x =
 * require('m').y`, `const { a } = require('m').y` (imported as `y.a`), or a
 * bare `require('m')`.
 */
function requireImport(p: NodePath<t.CallExpression | t.OptionalCallExpression>, source: string): ModuleImport {
  let holder: NodePath = p;
  let property: string | undefined;
  if (
    holder.parentPath?.isMemberExpression({ object: holder.node }) &&
    !holder.parentPath.node.computed &&
    t.isIdentifier(holder.parentPath.node.property)
  ) {
    property = holder.parentPath.node.property.name;
    holder = holder.parentPath;
  }
  const declarator = holder.parentPath?.isVariableDeclarator({ init: holder.node }) ? holder.parentPath.node : null;
  const statement =
    declarator && holder.parentPath?.parentPath?.isVariableDeclaration() ? holder.parentPath.parentPath.node : null;
  const bindings: ModuleImport['bindings'] = [];
  if (declarator && t.isIdentifier(declarator.id))
    bindings.push({ local: declarator.id.name, imported: property ?? '*', typeOnly: false });
  if (declarator && t.isObjectPattern(declarator.id)) {
    for (const prop of declarator.id.properties) {
      if (
        t.isObjectProperty(prop) &&
        t.isIdentifier(prop.value) &&
        (t.isIdentifier(prop.key) || t.isStringLiteral(prop.key))
      ) {
        const key = t.isIdentifier(prop.key) ? prop.key.name : prop.key.value;
        // `const { Pool } = require('pg').native`: `native.Pool`.
        bindings.push({ local: prop.value.name, imported: property ? `${property}.${key}` : key, typeOnly: false });
      }
    }
  }
  return { source, statement, kind: 'require', node: p.node, bindings };
}

function countQuote(node: t.Node | undefined, into: { single: number; double: number }, text: string): void {
  if (!node || !t.isStringLiteral(node) || node.start == null) return;
  const q = text[node.start];
  if (q === "'") into.single++;
  else if (q === '"') into.double++;
}

/**
 * In a file without semicolons, a line that would continue the one before
 * it (starting with `(`, `[` or a template) is guarded with a leading `;`,
 * and Babel ends the statement before at that `;`. The offset just after
 * the statement's own code, when its closing `;` is such a guard on a later
 * line; else undefined.
 */
function leadingSemicolonEnd(node: t.Node, text: string, comments: readonly t.Comment[]): number | undefined {
  const end = node.end;
  if (end == null || node.start == null || end - 1 <= node.start || text[end - 1] !== ';') return undefined;
  // Nearly every statement: the `;` right after its code.
  if (!/\s/.test(text[end - 2])) return undefined;
  let at = end - 1;
  let newline = false;
  for (;;) {
    while (at > node.start && /\s/.test(text[at - 1])) if (text[--at] === '\n') newline = true;
    const comment = commentEndingAt(comments, at);
    if (!comment || comment.start == null) break;
    if (text.slice(comment.start, at).includes('\n')) newline = true;
    at = comment.start;
  }
  return newline && at > node.start ? at : undefined;
}

/** The comment whose text ends at `offset` (comments are in source order). */
function commentEndingAt(comments: readonly t.Comment[], offset: number): t.Comment | undefined {
  let low = 0;
  let high = comments.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const end = comments[mid].end ?? 0;
    if (end === offset) return comments[mid];
    if (end < offset) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

function countSemicolon(node: t.Statement, parent: t.Node, counts: StyleCounts, text: string): void {
  if (!SEMI_STATEMENTS.has(node.type) || node.end == null) return;
  // A declaration in a `for (...)` head has no semicolon of its own.
  if (t.isVariableDeclaration(node) && (t.isFor(parent) || t.isExportNamedDeclaration(parent))) return;
  if (text[node.end - 1] === ';') counts.withSemi++;
  else counts.withoutSemi++;
}
