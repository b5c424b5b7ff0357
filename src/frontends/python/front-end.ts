/**
 * The Python front end: tree-sitter parses (a file with ERROR or MISSING
 * nodes is set aside with its line and column), one traversal collects the
 * facts and the style, `#` comments give the suppressions, and imports a
 * rewrite left unused are pruned. The grammar loads asynchronously once per
 * thread (`init`), before the first Python file.
 */
import type { FrontEnd } from '../../core/frontend';
import type { PyContext } from './context';
import { collectPyFacts } from './facts';
import { prunePyImports, usedImportNames } from './imports';
import { initPython, parsePython } from './parser';
import { summarisePy } from './summary';
import { findPySuppressions } from './suppressions';
import { verifyPython } from './verify';

export const PY_FRONT_END: FrontEnd<'python'> = {
  id: 'python',
  name: 'Python',
  extensions: ['.py'],
  isSource: (file) => file.endsWith('.py'),
  init: initPython,
  parse({ path, text, project, scan }) {
    const tree = parsePython(text);
    const facts = collectPyFacts(tree, text);
    const ctx: PyContext = { path, text, root: tree.rootNode, facts, style: facts.style, project, scan };
    return {
      ctx,
      suppressions: findPySuppressions(facts.comments, text),
      importUses: () => usedImportNames(facts),
      pruneImports: (usedBefore) => prunePyImports(text, facts, usedBefore),
      dispose: () => tree.delete(),
    };
  },
  summarise: (ctx) => ({ language: 'python', value: summarisePy(ctx) }),
  verify: verifyPython,
};
