/**
 * The JavaScript/TypeScript front end: Babel parses (per extension), one
 * traversal collects the facts and the style, comments give the
 * suppressions, and import/require bindings a rewrite left unused are
 * pruned. A Babel syntax error becomes a `ParseFailure` with its position.
 */
import { type FrontEnd, ParseFailure } from '../../core/frontend';
import type { JsContext } from './context';
import { collectFacts, forgetTrees } from './facts';
import { neighbourIndent } from './neighbour-indent';
import { pruneImports, usedImportBindings } from './imports';
import { SOURCE_EXTENSIONS, isDeclarationOrData, parseFile } from './parse';
import { summarize } from './scan/summary';
import { findSuppressions } from './suppressions';
import { verifyChanged } from './verify';

export const JS_FRONT_END: FrontEnd<'js'> = {
  id: 'js',
  name: 'JavaScript/TypeScript',
  extensions: SOURCE_EXTENSIONS,
  isSource: (file) => !isDeclarationOrData(file),
  parse({ path, text, project, scan }) {
    const ast = parseOrFail(path, text);
    const facts = collectFacts(ast, text);
    const indent = facts.indentFound ? undefined : neighbourIndent(path, project.root);
    const style = indent ? { ...facts.style, indent } : facts.style;
    const ctx: JsContext = { path, text, ast, facts, style, project, scan };
    return {
      ctx,
      suppressions: findSuppressions(ast, text),
      importUses: () => usedImportBindings(ast, facts),
      pruneImports: (usedBefore) => pruneImports(text, ast, facts, usedBefore),
    };
  },
  summarise: (ctx) => ({ language: 'js', value: summarize(ctx) }),
  endFile: forgetTrees,
  verify: verifyChanged,
};

function parseOrFail(path: string, text: string): ReturnType<typeof parseFile> {
  try {
    return parseFile(path, text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // Babel's message ends with "(line:column)"; the position is said once, in words.
    const loc = (error as SyntaxError & { loc?: { line: number; column: number } }).loc;
    const message = error.message.replace(/\s*\(\d+:\d+\)$/, '');
    throw new ParseFailure(message, loc?.line, loc ? loc.column + 1 : undefined);
  }
}
