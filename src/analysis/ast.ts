/**
 * Small AST predicates shared by transforms. Nodes are typed loosely (`any`)
 * because babel's and ast-types' node unions disagree on the details we read.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export type Node = any;
export type Path = any;

export const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);

export const LOOP_TYPES = new Set([
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'WhileStatement',
  'DoWhileStatement',
]);

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

export function isFunction(node: Node): boolean {
  return node != null && FUNCTION_TYPES.has(node.type);
}

/** `a.b` with a plain (non-computed) identifier property; returns the property name. */
export function memberName(node: Node): string | undefined {
  if (!node || (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression')) return undefined;
  if (node.computed || node.property.type !== 'Identifier') return undefined;
  return node.property.name;
}

export function isStringLiteral(node: Node): boolean {
  return node?.type === 'StringLiteral' || (node?.type === 'Literal' && typeof node.value === 'string');
}

/** The text of a string literal or a template literal without expressions. */
export function staticString(node: Node): string | undefined {
  if (isStringLiteral(node)) return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
}

/** Visit every node below `node` (not descending into nested functions unless asked). */
export function walkNodes(node: Node, visit: (n: Node, parent: Node) => void, intoFunctions = false): void {
  const stack: [Node, Node][] = [[node, null]];
  while (stack.length > 0) {
    const [current, parent] = stack.pop()!;
    visit(current, parent);
    if (!intoFunctions && current !== node && isFunction(current)) continue;
    for (const key of Object.keys(current)) {
      if (key === 'loc' || key === 'comments' || key === 'tokens' || key === 'leadingComments' || key === 'trailingComments' || key === 'original') continue;
      const value = current[key];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          if (value[i] && typeof value[i].type === 'string') stack.push([value[i], current]);
        }
      } else if (value && typeof value.type === 'string') {
        stack.push([value, current]);
      }
    }
  }
}

/** Does `node` contain an `await` or `yield` that runs as part of it (not in a nested function)? */
export function containsAwait(node: Node): boolean {
  let found = false;
  walkNodes(node, (n) => {
    if (n.type === 'AwaitExpression' || n.type === 'YieldExpression') found = true;
    if (n.type === 'ForOfStatement' && n.await) found = true;
    if (n.type === 'VariableDeclaration' && n.kind === 'await using') found = true;
  });
  return found;
}

/** Every identifier name bound by a declaration pattern. */
export function patternNames(pattern: Node): string[] {
  const names: string[] = [];
  walkNodes(pattern, (n, parent) => {
    if (n.type !== 'Identifier') return;
    // `{ a: b }`: the key `a` is not bound; `b` is (in `{ a }` the value is the binding).
    if ((parent?.type === 'ObjectProperty' || parent?.type === 'Property') && parent.key === n && parent.value !== n) return;
    // Type annotations name types, not bindings.
    if (parent && typeof parent.type === 'string' && parent.type.startsWith('TS')) return;
    if (parent?.type === 'AssignmentPattern' && parent.right === n) return;
    if (!names.includes(n.name)) names.push(n.name);
  });
  return names;
}

/** Every identifier name referenced (read or written) anywhere below `node`, nested functions included. */
export function referencedNames(node: Node): Set<string> {
  const names = new Set<string>();
  walkNodes(
    node,
    (n, parent) => {
      if (n.type !== 'Identifier') return;
      if (memberName(parent) && parent.property === n) return;
      names.add(n.name);
    },
    true,
  );
  return names;
}

/** 1-based line and column of a node, for findings. */
export function position(node: Node): { line: number; column: number } {
  const start = node?.loc?.start;
  return { line: start?.line ?? 0, column: (start?.column ?? 0) + 1 };
}

/**
 * Every use of the variable `name` below `roots` (not a property name or an
 * object key), each with its ancestors, outermost first, nested functions included.
 */
export function referencesTo(roots: Node[], name: string): { node: Node; ancestors: Node[] }[] {
  const found: { node: Node; ancestors: Node[] }[] = [];
  const ancestors: Node[] = [];
  const visit = (node: Node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'Identifier' && node.name === name) {
      const parent = ancestors[ancestors.length - 1];
      const isProperty = memberName(parent) !== undefined && parent.property === node;
      const isKey = (parent?.type === 'ObjectProperty' || parent?.type === 'Property') && parent.key === node && !parent.shorthand;
      if (!isProperty && !isKey) found.push({ node, ancestors: [...ancestors] });
      return;
    }
    ancestors.push(node);
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'comments' || key === 'tokens' || key === 'original') continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value.type === 'string') visit(value);
    }
    ancestors.pop();
  };
  roots.forEach(visit);
  return found;
}

/** Does the statement return (anywhere but in a nested function)? */
export function containsReturn(statement: Node): boolean {
  let found = false;
  walkNodes(statement, (n) => {
    if (n.type === 'ReturnStatement') found = true;
  });
  return found;
}

/** The path of the nearest function around `path`, or null at module level. */
export function enclosingFunction(path: Path): Path | null {
  for (let p = path.parent; p; p = p.parent) if (isFunction(p.node)) return p;
  return null;
}

/**
 * The static text of a query's SQL argument: a literal, a template's fixed
 * parts (joined), `{ text }` / `{ sql }` (pg, mysql2 query objects), or a
 * `const` bound to one among `consts` (statements to look in).
 */
export function sqlText(arg: Node, consts: Node[] = []): string | undefined {
  if (!arg) return undefined;
  if (arg.type === 'TemplateLiteral') return arg.quasis.map((q: Node) => q.value.cooked).join(' ');
  if (arg.type === 'ObjectExpression') {
    const text = arg.properties.find((p: Node) => ['text', 'sql'].includes(p.key?.name ?? p.key?.value));
    return text ? sqlText(text.value, consts) : undefined;
  }
  if (arg.type === 'Identifier') {
    for (const s of consts) {
      if (s.type !== 'VariableDeclaration' || s.kind !== 'const') continue;
      const d = s.declarations.find((x: Node) => x.id.type === 'Identifier' && x.id.name === arg.name);
      if (d) return sqlText(d.init, consts);
    }
    return undefined;
  }
  return staticString(arg);
}
