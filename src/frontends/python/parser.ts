/**
 * Parsing Python: web-tree-sitter with the grammar the npm package
 * tree-sitter-python ships as tree-sitter-python.wasm (no native build,
 * nothing from PyPI). Loading the grammar is asynchronous and happens once
 * per thread (`initPython`); parsing is synchronous after that. A tree holds
 * memory outside JavaScript's heap until it is deleted.
 *
 * Offsets (`startIndex`) are indexes into the JavaScript string, the same as
 * every other offset the tool uses (checked against text with characters
 * outside the BMP before a surrogate pair).
 */
import { Language, type Node, Parser, type Tree } from 'web-tree-sitter';
import { ParseFailure } from '../../core/frontend';
import { LineIndex } from '../../core/lines';

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Load the Python grammar in this thread (once; later calls wait for the same load). */
export function initPython(): Promise<void> {
  loading ??= (async () => {
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  return loading;
}

/**
 * Parse; throws a `ParseFailure` at the first syntax error (a tree-sitter
 * ERROR or MISSING node), after deleting the tree. A byte-order mark is
 * replaced by a space of the same length, so every offset still points into
 * the text as read.
 */
export function parsePython(text: string): Tree {
  if (!parser) throw new Error('the Python grammar is not loaded in this thread (initPython() first)');
  const tree = parser.parse(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  if (tree.rootNode.hasError) {
    const bad = firstError(tree.rootNode);
    const at = new LineIndex(text).position(bad?.startIndex ?? 0);
    const what = bad?.isMissing
      ? `missing ${bad.type}`
      : `unexpected ${JSON.stringify((bad?.text ?? '').slice(0, 20))}`;
    tree.delete();
    throw new ParseFailure(`invalid Python syntax (${what})`, at.line, at.column);
  }
  return tree;
}

/** The first node, in text order, that is an error or a missing token. */
function firstError(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child && (child.hasError || child.isMissing || child.isError)) {
      const found = firstError(child);
      if (found) return found;
    }
  }
  return undefined;
}
