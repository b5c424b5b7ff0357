/**
 * Small typed predicates and readers over Babel's AST, shared by every
 * transform: member names, static strings, SQL text, bound names, walking.
 */
import type { Span } from '../../core/edits';
import type { Binding } from '@babel/traverse';
import * as t from '@babel/types';
import { joinPieces, statementKnown } from '../../drivers/sql';

/** Array methods that call their callback synchronously, before returning. */
export const SYNC_CALLBACK_METHODS = new Set([
  'map',
  'forEach',
  'filter',
  'some',
  'every',
  'reduce',
  'reduceRight',
  'flatMap',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'sort',
]);

/** `a.b` with a plain (non-computed) identifier property, or `a['b']`: the property name. */
export function memberName(node: t.Node | null | undefined): string | undefined {
  if (!node || !(t.isMemberExpression(node) || t.isOptionalMemberExpression(node))) return undefined;
  if (!node.computed && t.isIdentifier(node.property)) return node.property.name;
  if (node.computed && t.isStringLiteral(node.property)) return node.property.value;
  return undefined;
}

/** The object of a member expression, or undefined. */
function memberObject(node: t.Node | null | undefined): t.Expression | undefined {
  if (node && (t.isMemberExpression(node) || t.isOptionalMemberExpression(node))) return node.object;
  return undefined;
}

/** The text of a string literal or a template literal without expressions. */
export function staticString(node: t.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (t.isStringLiteral(node)) return node.value;
  if (t.isTemplateLiteral(node) && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** The dotted name of a callee (`a.b.c`, `this.x.y`), if it is one. */
export function dottedName(node: t.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (t.isIdentifier(node)) return node.name;
  if (t.isThisExpression(node)) return 'this';
  const member = memberName(node);
  const object = memberObject(node);
  if (!member || !object) return undefined;
  const base = dottedName(object);
  return base ? `${base}.${member}` : undefined;
}

// Read once: @babel/types hands out each export through a getter, and walk asks for these at every node.
const VISITOR_KEYS = t.VISITOR_KEYS;
const isFunctionNode = t.isFunction;

/** Visit every node below `node`, depth first, with its parent (not into nested functions unless asked). */
export function walk(
  node: t.Node,
  visit: (n: t.Node, parent: t.Node | null) => void | 'skip',
  intoFunctions = false,
): void {
  // Two stacks rather than one of pairs: no allocation per node visited.
  const nodes: t.Node[] = [node];
  const parents: (t.Node | null)[] = [null];
  while (nodes.length > 0) {
    const current = nodes.pop()!;
    const parent = parents.pop()!;
    if (visit(current, parent) === 'skip') continue;
    if (!intoFunctions && current !== node && isFunctionNode(current)) continue;
    const keys = VISITOR_KEYS[current.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (current as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const item: unknown = value[i];
          if (isNode(item)) {
            nodes.push(item);
            parents.push(current);
          }
        }
      } else if (isNode(value)) {
        nodes.push(value);
        parents.push(current);
      }
    }
  }
}

/** The children of a node, in source order. */
export function children(node: t.Node): t.Node[] {
  const out: t.Node[] = [];
  for (const key of VISITOR_KEYS[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) for (const v of value) if (isNode(v)) out.push(v);
    if (isNode(value)) out.push(value);
  }
  return out;
}

/** The name a call is made on: `f` in `f(...)`, `db` in `db.query(...)`. */
export function calleeBase(callee: t.Node): string | undefined {
  if (t.isIdentifier(callee)) return callee.name;
  if (t.isMemberExpression(callee) && t.isIdentifier(callee.object)) return callee.object.name;
  return undefined;
}

export function isNode(value: unknown): value is t.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The function a local name is bound to: `function f() {}`, or `const f = () => ...` (or `= function`). */
export function functionBoundTo(binding: Binding | undefined): t.Function | undefined {
  const node = binding?.path.node;
  if (t.isFunctionDeclaration(node)) return node;
  return t.isVariableDeclarator(node) && t.isFunction(node.init) ? node.init : undefined;
}

/** Does `node` contain something matching `test` (not inside nested functions unless asked)? */
export function contains(node: t.Node, test: (n: t.Node) => boolean, intoFunctions = false): boolean {
  let found = false;
  walk(
    node,
    (n) => {
      if (found) return 'skip';
      found = test(n);
      return undefined;
    },
    intoFunctions,
  );
  return found;
}

/** An `await` or `yield` that runs as part of the node (not in a nested function). */
export function containsAwait(node: t.Node): boolean {
  return contains(
    node,
    (n) =>
      t.isAwaitExpression(n) ||
      t.isYieldExpression(n) ||
      (t.isForOfStatement(n) && n.await) ||
      (t.isVariableDeclaration(n) && n.kind === 'await using'),
  );
}

export function containsReturn(node: t.Node): boolean {
  return contains(node, (n) => t.isReturnStatement(n));
}

/** Every identifier name a declaration pattern binds. */
export function patternNames(pattern: t.Node | null | undefined): string[] {
  if (!pattern) return [];
  if (t.isIdentifier(pattern)) return [pattern.name];
  if (t.isObjectPattern(pattern))
    return pattern.properties.flatMap((p) => (t.isRestElement(p) ? patternNames(p.argument) : patternNames(p.value)));
  if (t.isArrayPattern(pattern)) return pattern.elements.flatMap((e) => patternNames(e));
  if (t.isAssignmentPattern(pattern)) return patternNames(pattern.left);
  if (t.isRestElement(pattern)) return patternNames(pattern.argument);
  if (t.isTSParameterProperty(pattern)) return patternNames(pattern.parameter);
  return [];
}

/** Names a statement declares in the scope that holds it. */
export function declaredNames(statement: t.Node): string[] {
  if (t.isVariableDeclaration(statement)) return statement.declarations.flatMap((d) => patternNames(d.id));
  if ((t.isFunctionDeclaration(statement) || t.isClassDeclaration(statement)) && statement.id)
    return [statement.id.name];
  if (t.isExportNamedDeclaration(statement) && statement.declaration) return declaredNames(statement.declaration);
  return [];
}

/** Is this identifier a reference to a variable (not a property name, an object key or a type)? */
export function isReference(node: t.Identifier, parent: t.Node | null): boolean {
  if (!parent) return true;
  if (
    (t.isMemberExpression(parent) || t.isOptionalMemberExpression(parent)) &&
    parent.property === node &&
    !parent.computed
  )
    return false;
  if (
    (t.isObjectProperty(parent) || t.isObjectMethod(parent) || t.isClassMethod(parent) || t.isClassProperty(parent)) &&
    parent.key === node &&
    !parent.computed
  ) {
    return t.isObjectProperty(parent) && parent.shorthand;
  }
  if (
    parent.type.startsWith('TS') &&
    !t.isTSNonNullExpression(parent) &&
    !t.isTSAsExpression(parent) &&
    !t.isTSSatisfiesExpression(parent) &&
    !t.isTSTypeAssertion(parent)
  )
    return false;
  if (t.isLabeledStatement(parent) || t.isBreakStatement(parent) || t.isContinueStatement(parent)) return false;
  if ((t.isImportSpecifier(parent) || t.isExportSpecifier(parent)) && parent.local !== node) return false;
  return true;
}

/** Every name read or written anywhere below `node` (nested functions included). */
export function referencedNames(node: t.Node): Set<string> {
  const names = new Set<string>();
  walk(
    node,
    (n, parent) => {
      if (t.isIdentifier(n) && isReference(n, parent)) names.add(n.name);
      if (
        t.isJSXIdentifier(n) &&
        (t.isJSXOpeningElement(parent) || t.isJSXClosingElement(parent)) &&
        /^[A-Z]/.test(n.name)
      )
        names.add(n.name);
    },
    true,
  );
  return names;
}

/**
 * The static text of a query's SQL argument: a literal, a template's fixed
 * parts, a concatenation whose head is known, `{ text }` / `{ sql }` (pg,
 * mysql2 query objects), or a `const` bound to one among `consts`
 * (statements to look in). Each value the tool cannot read is read as a
 * space, and only while what is known still shows the kind of statement
 * (`statementKnown`: `${verb} FROM t` is unknown).
 */
export function sqlText(arg: t.Node | null | undefined, consts: readonly t.Node[] = []): string | undefined {
  const parts = sqlParts(arg, consts);
  return parts && statementKnown(parts) ? parts.join(' ') : undefined;
}

/** The literal pieces of a query's SQL, split where a value the tool cannot read goes. */
function sqlParts(arg: t.Node | null | undefined, consts: readonly t.Node[]): string[] | undefined {
  if (!arg) return undefined;
  if (t.isTemplateLiteral(arg)) return arg.quasis.map((q) => q.value.cooked ?? q.value.raw);
  if (t.isObjectExpression(arg)) {
    const text = arg.properties.find(
      (p): p is t.ObjectProperty => t.isObjectProperty(p) && ['text', 'sql'].includes(propertyKey(p) ?? ''),
    );
    return text ? sqlParts(text.value, consts) : undefined;
  }
  if (t.isIdentifier(arg)) {
    for (const s of consts) {
      if (!t.isVariableDeclaration(s) || s.kind !== 'const') continue;
      const d = s.declarations.find((x) => t.isIdentifier(x.id) && x.id.name === arg.name);
      if (d) return sqlParts(d.init, consts);
    }
    return undefined;
  }
  if (t.isTSAsExpression(arg) || t.isTSSatisfiesExpression(arg)) return sqlParts(arg.expression, consts);
  // 'SET search_path TO ' + schema: known from its head.
  if (t.isBinaryExpression(arg, { operator: '+' }) && !t.isPrivateName(arg.left)) {
    const head = sqlParts(arg.left, consts);
    if (!head) return undefined;
    return joinPieces(head, sqlParts(arg.right, consts) ?? ['', '']);
  }
  const text = staticString(arg);
  return text === undefined ? undefined : [text];
}

/** The name of a property key (`a`, `'a'`), when it is static. */
export function propertyKey(
  property: t.ObjectProperty | t.ObjectMethod | t.ClassProperty | t.ClassMethod,
): string | undefined {
  if (property.computed) return t.isStringLiteral(property.key) ? property.key.value : undefined;
  if (t.isIdentifier(property.key)) return property.key.name;
  if (t.isStringLiteral(property.key)) return property.key.value;
  return undefined;
}

/** Strip `x!`, `x as T`, `x satisfies T`, `<T>x` and parentheses. */
export function unwrapExpression(node: t.Node): t.Node {
  let current = node;
  while (
    t.isTSNonNullExpression(current) ||
    t.isTSAsExpression(current) ||
    t.isTSSatisfiesExpression(current) ||
    t.isTSTypeAssertion(current) ||
    t.isParenthesizedExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** Start offset of a node; Babel always sets it for parsed nodes. */
export function startOf(node: t.Node): number {
  return node.start ?? 0;
}

export function endOf(node: t.Node): number {
  return node.end ?? 0;
}

/**
 * A node's range including parentheses around it (`(a)` is one node whose
 * Babel range excludes the parentheses).
 */
export function outerRange(node: t.Node, text: string): { start: number; end: number } {
  let start = startOf(node);
  let end = endOf(node);
  const parenthesized = (node.extra as { parenthesized?: boolean } | undefined)?.parenthesized;
  if (!parenthesized) return { start, end };
  while (start > 0 && /\s/.test(text[start - 1])) start--;
  while (end < text.length && /\s/.test(text[end])) end++;
  if (text[start - 1] === '(' && text[end] === ')') return { start: start - 1, end: end + 1 };
  return { start: startOf(node), end: endOf(node) };
}

/** Where a node is in the text: its offsets as a span (a synthetic node without positions is at 0). */
export function spanOf(node: { start?: number | null; end?: number | null }): Span {
  return { start: node.start ?? 0, end: node.end ?? 0 };
}
