/**
 * What a name means where it is used, by Python's scope rules: a name a
 * function binds itself (or an enclosing function does) is that function's;
 * otherwise it is the module's (an import, an assignment, a def), or a
 * builtin. So `pool` inside a function that has a parameter `pool` is never
 * the module's pool of the same name.
 */
import type { Node } from 'web-tree-sitter';
import type { PyFacts, PyFunction, PyImportBinding } from './facts';

export type Meaning =
  | { kind: 'local'; fn: PyFunction }
  | { kind: 'import'; binding: PyImportBinding }
  | { kind: 'module' }
  | { kind: 'unknown' };

export function meaningOf(name: string, fn: PyFunction | null, facts: PyFacts): Meaning {
  for (let f = fn; f; f = f.parent) {
    if (!f.locals.has(name)) continue;
    const imported = facts.imports.find((i) => i.local === name && i.fn === f);
    return imported ? { kind: 'import', binding: imported } : { kind: 'local', fn: f };
  }
  const imported = [...facts.imports].reverse().find((i) => i.local === name && i.fn === null);
  if (imported) return { kind: 'import', binding: imported };
  return facts.moduleNames.has(name) ? { kind: 'module' } : { kind: 'unknown' };
}

/**
 * The dotted name an expression stands for through the file's imports
 * (`pg.connect` with `import psycopg2 as pg` -> `psycopg2.connect`; `TCP`
 * with `from psycopg2.pool import ThreadedConnectionPool as TCP` ->
 * `psycopg2.pool.ThreadedConnectionPool`), or undefined when its base is not
 * an import.
 */
export function qualifiedName(expr: Node, fn: PyFunction | null, facts: PyFacts): string | undefined {
  if (expr.type === 'identifier') {
    const meaning = meaningOf(expr.text, fn, facts);
    if (meaning.kind !== 'import') return undefined;
    const { module, imported } = meaning.binding;
    return imported ? `${module}.${imported}` : module;
  }
  if (expr.type === 'attribute') {
    const object = expr.childForFieldName('object');
    const attribute = expr.childForFieldName('attribute');
    if (!object || !attribute) return undefined;
    const base = qualifiedName(object, fn, facts);
    return base ? `${base}.${attribute.text}` : undefined;
  }
  return undefined;
}

/**
 * The value of a local that only names another value: bound once, by a
 * plain assignment before `before` in a block that encloses `before` (the
 * function's body, or a `try` or branch both sit in), and not a parameter.
 * Anything else (a parameter, a name assigned twice, or in a branch the use
 * is not in) is the function's own value.
 */
export function aliasValue(name: string, fn: PyFunction, before: Node, facts: PyFacts): Node | undefined {
  const params = fn.node.childForFieldName('parameters');
  if (params && bindsName(params, name)) return undefined;
  const assigned = facts.assignments.filter(
    (a) =>
      a.fn === fn &&
      a.node.childForFieldName('left')?.type === 'identifier' &&
      a.node.childForFieldName('left')?.text === name,
  );
  if (assigned.length !== 1) return undefined;
  const only = assigned[0].node;
  const statement = only.parent;
  // The block that holds the assignment encloses the use (the function's body, or a `try` both sit in): it ran first.
  if (statement?.type !== 'expression_statement' || !statement.parent || !encloses(statement.parent, before))
    return undefined;
  if (only.endIndex > before.startIndex) return undefined;
  return only.childForFieldName('right') ?? undefined;
}

function encloses(block: Node, node: Node): boolean {
  for (let n: Node | null = node.parent; n; n = n.parent) if (n.id === block.id) return true;
  return false;
}

function bindsName(node: Node, name: string): boolean {
  if (node.type === 'identifier') return node.text === name;
  // A default value's names are not the parameter's.
  if (node.type === 'default_parameter' || node.type === 'typed_default_parameter')
    return node.childForFieldName('name')?.text === name;
  if (node.type === 'typed_parameter') return node.namedChildren[0]?.text === name;
  return node.namedChildren.some((c) => c !== null && bindsName(c, name));
}

/** The functions of this name the module defines as statements of its own (decorated or not): not methods, not nested. */
export function moduleFunctions(name: string, facts: PyFacts): PyFunction[] {
  return facts.functions.filter((f) => f.name === name && f.parent === null && atModuleLevel(f.node));
}

function atModuleLevel(definition: Node): boolean {
  const holder = definition.parent?.type === 'decorated_definition' ? definition.parent : definition;
  return holder.parent?.type === 'module';
}
