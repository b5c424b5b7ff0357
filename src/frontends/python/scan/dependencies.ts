/**
 * PY_DEPENDENCIES: a module's functions that the project uses only as
 * FastAPI dependencies, which FastAPI drives as context managers
 * (src/drivers/python/frameworks.ts). What follows the `yield` then runs once
 * per request, as in a `@contextmanager`, and a
 * connection the generator opens there and closes after the `yield` can
 * come from a pool and go back to it. Only when nothing else calls it: a
 * caller that takes `next(get_db())` never resumes it.
 */
import type { Node } from 'web-tree-sitter';
import type { FactNeed, FileFact } from '../../../core/facts';
import { FASTAPI_DEPENDENCIES } from '../../../drivers/python/frameworks';
import { readTextOrEmpty } from '../../../project/paths';
import { type Escape, escapeOf } from '../analysis/sections';
import type { PyContext } from '../context';
import type { PyFunction } from '../facts';
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

/** Asked only when one of the connections is yielded by a generator nothing decorates to say how it is driven. */
export function dependenciesNeeds(
  ctx: PyContext,
  held: readonly { conn: string; fn: PyFunction | null; statement: Node }[],
): FactNeed[] {
  const yielded = held.some((h) => h.fn && escapeOf(h.conn, h.fn, h.statement)?.kind === 'yield');
  return yielded ? [{ fact: PY_DEPENDENCIES, file: ctx.path }] : [];
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

const { module: FASTAPI, markers: MARKERS, keyword: KEYWORD } = FASTAPI_DEPENDENCIES;
/** The file imports the framework. */
const IMPORTS_FASTAPI = new RegExp(`^[ \\t]*(?:from|import)[ \\t]+${FASTAPI}\\b`, 'm');
/** Just before a dependency: `Depends(`, `fastapi.Security(dependency=`. */
const MARKER_BEFORE = new RegExp(`\\b(?:${MARKERS.join('|')})\\(\\s*(?:${KEYWORD}\\s*=\\s*)?$`);

/** Import statements, a parenthesised name list included: a name there is no use of it. */
const IMPORTS = /^[ \t]*(?:from[ \t]+[.\w]+[ \t]+import[ \t]+(?:\([^)]*\)|[^\n]*)|import[ \t][^\n]*)/gm;

/**
 * Each use of `name` in a module's text, outside comments, strings, its own
 * `def` and the imports: the argument of FastAPI's `Depends(...)` or
 * `Security(...)` (qualified by its module or not) in a module that imports
 * fastapi, or anything else (a call, `next(get_db())`, a list of handlers:
 * none of them says how it is driven). The text is read as text: this runs
 * where no Python parser need be loaded (a transform under plain jscodeshift
 * loads this module too).
 */
function usesOf(text: string, name: string): ('dependency' | 'other')[] {
  if (!new RegExp(`\\b${name}\\b`).test(text)) return [];
  const statements = codeOnly(text);
  const fastapi = IMPORTS_FASTAPI.test(statements);
  const code = statements.replace(IMPORTS, (statement) => ' '.repeat(statement.length));
  const uses: ('dependency' | 'other')[] = [];
  for (const match of code.matchAll(new RegExp(`(?<![\\w.])(?:[A-Za-z_]\\w*\\.)?${name}\\b`, 'g'))) {
    const before = code.slice(Math.max(0, match.index - 80), match.index);
    const after = code.slice(match.index + match[0].length, match.index + match[0].length + 40);
    if (/(?:^|\s)(?:async[ \t]+)?def[ \t]+$/.test(before)) continue;
    // `get_db.cache_clear()`: the function as an object, not a way it is run.
    if (/^\s*\./.test(after)) continue;
    const argument = MARKER_BEFORE.test(before) && /^\s*[,)]/.test(after);
    uses.push(fastapi && argument ? 'dependency' : 'other');
  }
  return uses;
}

/**
 * The text with its comments and the contents of its string literals
 * (triple-quoted and prefixed ones too) turned into spaces, line breaks kept:
 * a docstring or a comment naming the function is no use of it.
 */
function codeOnly(text: string): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const ch = text[i];
    if (ch === '#') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (ch === '"' || ch === "'") {
      const quote = text.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j) && (quote.length === 3 || text[j] !== '\n'))
        j += text[j] === '\\' ? 2 : 1;
      const end = Math.min(text.length, j + quote.length);
      out += text.slice(i, end).replace(/[^\n]/g, ' ');
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
