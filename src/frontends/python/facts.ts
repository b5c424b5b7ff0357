/**
 * One traversal of a Python syntax tree: what the Python parts of the
 * transforms look up (imports and their aliases, functions with their
 * decorators and local names, calls, assignments, `with` and `try`
 * statements, comments), indexed, with the scope of each so that a name a
 * function binds itself (a parameter, an assignment) is never taken for the
 * module's pool of the same name. Also the counts the file's style is read
 * from, and the ranges of strings that span lines (never re-indented).
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Span } from '../../core/edits';
import { type PyStyle, noteBlockStep, styleOf } from './style';

/** A name an import binds. */
export interface PyImportBinding {
  local: string;
  /** The module, dotted; a relative import keeps its leading dots (`.db`). */
  module: string;
  /** The name taken from the module (`from m import name`), or null when `local` is the module itself. */
  imported: string | null;
  statement: Node;
  /** The function it is in; null at module level. */
  fn: PyFunction | null;
}

export interface PyFunction {
  node: Node;
  name: string;
  async: boolean;
  /** Decorator expressions as written, without the `@`. */
  decorators: string[];
  parent: PyFunction | null;
  /** Names the function binds itself (parameters, assignments, loop and `as` targets), minus `global`/`nonlocal` ones. */
  locals: Set<string>;
  /** It yields: a generator (a context manager too when decorated with `contextmanager`). */
  generator: boolean;
}

interface Located {
  node: Node;
  /** The function it is in; null at module level (or in a class body outside methods). */
  fn: PyFunction | null;
}

export interface PyFacts {
  tree: Tree;
  root: Node;
  imports: PyImportBinding[];
  functions: PyFunction[];
  calls: Located[];
  assignments: Located[];
  withs: Located[];
  tries: Located[];
  awaits: Located[];
  comments: Node[];
  /** Ranges of strings that span lines: a line starting inside one must never be re-indented. */
  literals: Span[];
  /** Module-level names bound by a plain assignment, and the value assigned (the last one wins). */
  moduleValues: Map<string, Node>;
  /** Names bound at module level in any way (assignments, imports, defs, classes). */
  moduleNames: Set<string>;
  /** `if __name__ == "__main__":` at module level, when there is one. */
  mainGuard: Node | null;
  style: PyStyle;
}

export function collectPyFacts(tree: Tree, text: string): PyFacts {
  const root = tree.rootNode;
  const facts: PyFacts = {
    tree,
    root,
    imports: [],
    functions: [],
    calls: [],
    assignments: [],
    withs: [],
    tries: [],
    awaits: [],
    comments: [],
    literals: [],
    moduleValues: new Map(),
    moduleNames: new Set(),
    mainGuard: null,
    style: { eol: '\n', quote: "'", indent: '    ', coding: false },
  };
  const quotes = { single: 0, double: 0 };
  const steps = new Map<string, number>();
  const declaredOuter = new Map<PyFunction, Set<string>>();
  visit(root, null, null);
  for (const [fn, names] of declaredOuter) for (const name of names) fn.locals.delete(name);
  facts.style = styleOf(text, steps, quotes);
  return facts;

  function bind(name: string, fn: PyFunction | null): void {
    if (fn) fn.locals.add(name);
    else facts.moduleNames.add(name);
  }

  function bindTarget(target: Node | null, fn: PyFunction | null): void {
    if (!target) return;
    if (target.type === 'identifier') bind(target.text, fn);
    else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern'].includes(target.type))
      for (const child of target.namedChildren) bindTarget(child, fn);
  }

  /** `klass`: inside a class body (its names are not the module's, nor its methods' locals). */
  function visit(node: Node, fn: PyFunction | null, klass: Node | null): void {
    const type = node.type;
    const scope = klass ? null : fn;
    switch (type) {
      case 'comment':
        facts.comments.push(node);
        return;
      case 'string':
        noteString(node);
        break;
      case 'block':
        noteBlockStep(text, node, steps);
        break;
      case 'import_statement':
      case 'import_from_statement':
        for (const b of importBindings(node, fn)) {
          facts.imports.push(b);
          if (!klass) bind(b.local, fn);
        }
        return;
      case 'function_definition': {
        const name = node.childForFieldName('name')?.text ?? '';
        if (!klass) bind(name, fn);
        const info: PyFunction = {
          node,
          name,
          async: node.children.some((c) => c?.type === 'async'),
          decorators: decoratorsOf(node),
          parent: fn,
          locals: new Set(parameterNames(node.childForFieldName('parameters'))),
          generator: false,
        };
        facts.functions.push(info);
        for (const d of node.childForFieldName('parameters')?.namedChildren ?? []) if (d) visit(d, fn, klass);
        const body = node.childForFieldName('body');
        if (body) visit(body, info, null);
        return;
      }
      case 'class_definition': {
        const name = node.childForFieldName('name')?.text ?? '';
        if (!klass) bind(name, fn);
        const body = node.childForFieldName('body');
        for (const c of node.childForFieldName('superclasses')?.namedChildren ?? []) if (c) visit(c, fn, klass);
        if (body) visit(body, fn, node);
        return;
      }
      case 'call':
        facts.calls.push({ node, fn: scope });
        break;
      case 'await':
        facts.awaits.push({ node, fn: scope });
        break;
      case 'with_statement':
        facts.withs.push({ node, fn: scope });
        for (const item of withItems(node)) bindTarget(item.alias, klass ? null : fn);
        break;
      case 'try_statement':
        facts.tries.push({ node, fn: scope });
        break;
      case 'assignment':
      case 'augmented_assignment': {
        facts.assignments.push({ node, fn: scope });
        const left = node.childForFieldName('left');
        if (!klass) bindTarget(left, fn);
        const right = node.childForFieldName('right');
        if (!fn && !klass && type === 'assignment' && left?.type === 'identifier' && right)
          facts.moduleValues.set(left.text, right);
        break;
      }
      case 'for_statement':
      case 'for_in_clause':
        if (type === 'for_statement' && !klass) bindTarget(node.childForFieldName('left'), fn);
        break;
      case 'named_expression':
        if (!klass) bindTarget(node.childForFieldName('name'), fn);
        break;
      case 'except_clause': {
        const alias = node.namedChildren.find((c) => c?.type === 'as_pattern')?.childForFieldName('alias');
        const name = alias?.namedChildren[0];
        if (name?.type === 'identifier' && !klass) bind(name.text, fn);
        break;
      }
      case 'global_statement':
      case 'nonlocal_statement':
        if (fn) {
          const names = declaredOuter.get(fn) ?? new Set<string>();
          for (const n of node.namedChildren) if (n?.type === 'identifier') names.add(n.text);
          declaredOuter.set(fn, names);
        }
        // `global pool` binds a module name even when no module-level statement assigns it (a pool made at startup).
        if (node.type === 'global_statement')
          for (const n of node.namedChildren) if (n?.type === 'identifier') facts.moduleNames.add(n.text);
        return;
      case 'yield':
        if (fn) fn.generator = true;
        break;
      case 'if_statement':
        if (!fn && !klass && node.parent?.type === 'module' && isMainGuard(node)) facts.mainGuard = node;
        break;
      default:
        break;
    }
    for (const child of node.namedChildren) if (child) visit(child, fn, klass);
  }

  function noteString(node: Node): void {
    const start = node.children[0]?.text ?? '';
    const q = start.replace(/^[A-Za-z]+/, '');
    if (q.startsWith("'")) quotes.single++;
    else if (q.startsWith('"')) quotes.double++;
    if (node.text.includes('\n')) facts.literals.push({ start: node.startIndex, end: node.endIndex });
  }
}

/** The names one import statement binds. */
function importBindings(node: Node, fn: PyFunction | null): PyImportBinding[] {
  const out: PyImportBinding[] = [];
  if (node.type === 'import_statement') {
    for (const item of node.namedChildren) {
      if (!item) continue;
      if (item.type === 'dotted_name') {
        // `import a.b.c` binds `a`; the module reached through it is still `a` (attributes lead further).
        out.push({
          local: item.text.split('.')[0],
          module: item.text.split('.')[0],
          imported: null,
          statement: node,
          fn,
        });
      } else if (item.type === 'aliased_import') {
        const name = item.childForFieldName('name')?.text ?? '';
        const alias = item.childForFieldName('alias')?.text ?? name;
        out.push({ local: alias, module: name, imported: null, statement: node, fn });
      }
    }
    return out;
  }
  const moduleNode = node.childForFieldName('module_name');
  const module = moduleNode?.text.replace(/\s+/g, '') ?? '';
  for (const item of node.childrenForFieldName('name')) {
    if (!item) continue;
    if (item.type === 'dotted_name') out.push({ local: item.text, module, imported: item.text, statement: node, fn });
    else if (item.type === 'aliased_import') {
      const name = item.childForFieldName('name')?.text ?? '';
      out.push({ local: item.childForFieldName('alias')?.text ?? name, module, imported: name, statement: node, fn });
    }
  }
  return out;
}

function parameterNames(parameters: Node | null): string[] {
  const names: string[] = [];
  for (const p of parameters?.namedChildren ?? []) {
    if (!p) continue;
    if (p.type === 'identifier') names.push(p.text);
    else if (p.type === 'typed_parameter') {
      const id = p.namedChildren.find(
        (c) => c?.type === 'identifier' || c?.type === 'list_splat_pattern' || c?.type === 'dictionary_splat_pattern',
      );
      if (id) names.push(id.text.replace(/^\*+/, ''));
    } else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      const name = p.childForFieldName('name');
      if (name) names.push(name.text);
    } else if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') {
      names.push(p.text.replace(/^\*+/, ''));
    }
  }
  return names;
}

function decoratorsOf(fn: Node): string[] {
  const parent = fn.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren.filter((c): c is Node => c?.type === 'decorator').map((d) => d.text.replace(/^@\s*/, ''));
}

/** A `with` statement's items: the context expression and the `as` target, if any. */
export function withItems(node: Node): { value: Node; alias: Node | null; item: Node }[] {
  const clause = node.namedChildren.find((c) => c?.type === 'with_clause');
  const items: { value: Node; alias: Node | null; item: Node }[] = [];
  for (const item of clause?.namedChildren ?? []) {
    if (item?.type !== 'with_item') continue;
    const value = item.childForFieldName('value');
    if (!value) continue;
    if (value.type === 'as_pattern') {
      const expression = value.namedChildren[0];
      const target = value.childForFieldName('alias')?.namedChildren[0] ?? null;
      if (expression) items.push({ value: expression, alias: target, item });
    } else items.push({ value, alias: null, item });
  }
  return items;
}

function isMainGuard(node: Node): boolean {
  const condition = node.childForFieldName('condition')?.text.replace(/\s+/g, '') ?? '';
  return /^__name__==(['"])__main__\1$/.test(condition) || /^(['"])__main__\1==__name__$/.test(condition);
}
