/**
 * PY_DEPENDENCIES: a module's functions that the project uses only as
 * FastAPI dependencies. FastAPI drives a generator given to `Depends(...)`
 * as a context manager: it runs it to its `yield` for each request, and when
 * the request is done resumes it, or throws the request's error into it
 * (fastapi.tiangolo.com, "Dependencies with yield"). What follows the
 * `yield` then runs once per request, as in a `@contextmanager`, and a
 * connection the generator opens there and closes after the `yield` can
 * come from a pool and go back to it. Only when nothing else calls it: a
 * caller that takes `next(get_db())` never resumes it.
 */
import type { Node } from 'web-tree-sitter';
import type { FactNeed, FileFact } from '../../../core/facts';
import { readTextOrEmpty } from '../../../project/paths';
import { type Escape, escapeOf } from '../analysis/sections';
import type { PyContext } from '../context';
import type { PyFunction } from '../facts';
import { parsePython } from '../parser';
import { pyImportGraph } from './processes';

export const PY_DEPENDENCIES: FileFact<string[]> = {
  id: 'python/fastapi-dependencies',
  language: 'python',
  scope: 'file',
  empty: [],
  compute: (asking, input) => {
    const graph = pyImportGraph(input.files);
    return Object.fromEntries(
      asking.map((file) => {
        // The modules that take a name from this one, with the names they take (`*`: the whole module).
        const importers = [...graph.names].flatMap(([importer, taken]) => {
          const names = taken.get(file);
          return names ? [{ text: readTextOrEmpty(importer), names }] : [];
        });
        const own = readTextOrEmpty(file);
        const used = definedFunctions(own).filter((name) => {
          const texts = [own, ...importers.filter((i) => i.names.has(name) || i.names.has('*')).map((i) => i.text)];
          const uses = texts.flatMap((text) => usesOf(text, name));
          return uses.length > 0 && uses.every((use) => use === 'dependency');
        });
        return [file, used.sort()];
      }),
    );
  },
};

/** Asked only for a generator that yields a connection with no decorator to say how it is driven. */
export function dependenciesNeed(ctx: PyContext): FactNeed {
  return { fact: PY_DEPENDENCIES, file: ctx.path };
}

/**
 * Where the connection leaves `fn` (`escapeOf`), a generator the project uses
 * only through `Depends(...)` being driven as a context manager. The scan is
 * read only for a generator that yields the connection, as `needs` asks.
 */
export function escapeFrom(ctx: PyContext, conn: string, fn: PyFunction, from: Node): Escape | undefined {
  const escape = escapeOf(conn, fn, from);
  return escape?.kind === 'yield' && isFastapiDependency(ctx, fn) ? escapeOf(conn, fn, from, true) : escape;
}

/** `fn` is a module-level, undecorated function the project uses only through `Depends(...)`. */
function isFastapiDependency(ctx: PyContext, fn: PyFunction | null): boolean {
  return (
    fn !== null &&
    fn.parent === null &&
    fn.decorators.length === 0 &&
    ctx.scan.forFile(PY_DEPENDENCIES, ctx.path).includes(fn.name)
  );
}

/** Module-level `def name(` and `async def name(`. */
function definedFunctions(text: string): string[] {
  return [...text.matchAll(/^(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)[ \t]*\(/gm)].map((m) => m[1]);
}

/**
 * Each use of `name` in a module's text, outside its own `def` and the
 * imports: the argument of FastAPI's `Depends(...)` or `Security(...)`
 * (qualified by its module or not) in a module that imports fastapi, or
 * anything else (a call, `next(get_db())`, a list of handlers: none of them
 * says how it is driven). Comments and strings are no uses. A module that
 * does not parse gives one "other" use: nothing about it is proven.
 */
function usesOf(text: string, name: string): ('dependency' | 'other')[] {
  if (!new RegExp(`\\b${name}\\b`).test(text)) return [];
  let tree;
  try {
    tree = parsePython(text);
  } catch {
    return ['other'];
  }
  try {
    const fastapi = /^[ \t]*(?:from[ \t]+fastapi\b|import[ \t]+fastapi\b)/m.test(text);
    const uses: ('dependency' | 'other')[] = [];
    for (const node of tree.rootNode.descendantsOfType('identifier')) {
      if (!node || node.text !== name || inImport(node)) continue;
      const parent = node.parent;
      if (parent?.type === 'function_definition' && parent.childForFieldName('name')?.id === node.id) continue;
      // `module.get_db`: the attribute is the use; `get_db.x` or `x.get_db` of another object is not this name.
      const use = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id ? parent : node;
      if (use !== node && use.childForFieldName('object')?.type !== 'identifier') {
        uses.push('other');
        continue;
      }
      if (parent?.type === 'attribute' && use === node) continue;
      uses.push(fastapi && dependencyArgument(use) ? 'dependency' : 'other');
    }
    return uses;
  } finally {
    tree.delete();
  }
}

function inImport(node: Node): boolean {
  for (let n: Node | null = node.parent; n; n = n.parent)
    if (n.type === 'import_statement' || n.type === 'import_from_statement') return true;
  return false;
}

/** `Depends(use)`, `Depends(dependency=use)`, `fastapi.Security(use)`: the dependency a parameter or route takes. */
function dependencyArgument(use: Node): boolean {
  const holder = use.parent?.type === 'keyword_argument' ? use.parent : use;
  if (holder !== use && holder.childForFieldName('name')?.text !== 'dependency') return false;
  const list = holder.parent;
  if (list?.type !== 'argument_list' || list.namedChildren[0]?.id !== holder.id) return false;
  const callee = list.parent?.type === 'call' ? list.parent.childForFieldName('function') : null;
  return !!callee && /^(?:fastapi\.)?(?:Depends|Security)$/.test(callee.text);
}
