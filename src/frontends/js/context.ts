/**
 * What a JavaScript/TypeScript transform part is given for one file: the
 * common context, Babel's tree, and the facts of the one traversal.
 */
import type { File } from '@babel/types';
import type { FileContextBase } from '../../core/frontend';
import type { FileFacts } from './facts';
import type { FileSummary } from './scan/summary';
import type { JsStyle } from './style';

export interface JsContext extends FileContextBase {
  ast: File;
  facts: FileFacts;
  style: JsStyle;
}

declare module '../../core/frontend' {
  interface LanguageContexts {
    js: JsContext;
  }
  interface LanguageSummaries {
    js: FileSummary;
  }
}
