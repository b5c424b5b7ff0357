/**
 * What a Python transform part is given for one file: the common context,
 * the tree-sitter tree, and the facts of the one traversal.
 */
import type { Node } from 'web-tree-sitter';
import type { FileContextBase } from '../../core/frontend';
import type { PyFacts } from './facts';
import type { PySummary } from './summary';
import type { PyStyle } from './style';

export interface PyContext extends FileContextBase {
  root: Node;
  facts: PyFacts;
  style: PyStyle;
}

declare module '../../core/frontend' {
  interface LanguageContexts {
    python: PyContext;
  }
  interface LanguageSummaries {
    python: PySummary;
  }
}
