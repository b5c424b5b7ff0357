/**
 * The parser is chosen from the file name: TypeScript for .ts/.mts/.cts,
 * TSX for .tsx, Babel with JSX (and Flow annotations) for JavaScript. Every
 * position the tool uses is an offset into the text exactly as read.
 */
import { parse as babelParse, type ParserOptions, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';
import path from 'node:path';

const COMMON: ParserPlugin[] = [
  'asyncGenerators',
  'bigInt',
  'classPrivateMethods',
  'classPrivateProperties',
  'classProperties',
  'decoratorAutoAccessors',
  'dynamicImport',
  'explicitResourceManagement',
  'exportDefaultFrom',
  'exportNamespaceFrom',
  'importAttributes',
  'importMeta',
  'nullishCoalescingOperator',
  'numericSeparator',
  'objectRestSpread',
  'optionalCatchBinding',
  'optionalChaining',
  'topLevelAwait',
];

function options(plugins: ParserPlugin[]): ParserOptions {
  return {
    sourceType: 'unambiguous',
    allowImportExportEverywhere: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowSuperOutsideMethod: true,
    allowUndeclaredExports: true,
    // Comments stay in `File.comments` only: nothing reads them off nodes, and attaching them costs a tenth of the parse.
    attachComment: false,
    plugins: [...COMMON, ...plugins],
  };
}

const PARSERS: Record<'ts' | 'tsx' | 'babel', ParserOptions> = {
  ts: options(['typescript', 'decorators-legacy']),
  tsx: options(['typescript', 'jsx', 'decorators-legacy']),
  babel: options(['jsx', 'flow', 'decorators-legacy']),
};

type ParserName = keyof typeof PARSERS;

export const SOURCE_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'];

function parserNameFor(file: string): ParserName {
  const ext = path.extname(file);
  if (ext === '.tsx') return 'tsx';
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return 'ts';
  return 'babel';
}

/** Parse a file's text; throws the parser's SyntaxError (with line and column) when it does not parse. */
export function parseFile(file: string, text: string): File {
  return babelParse(withoutBom(text), PARSERS[parserNameFor(file)]);
}

/**
 * A byte-order mark stays in the text (it goes back on write), but the parser
 * must not see it: it is replaced by characters of the same length, so every
 * offset still points into the text as read. A `#!` line after it becomes a
 * comment for the same reason (the parser takes `#!` only at offset 0).
 */
function withoutBom(text: string): string {
  if (!text.startsWith('\uFEFF')) return text;
  return text.startsWith('\uFEFF#!') ? `// ${text.slice(3)}` : ` ${text.slice(1)}`;
}

/** Declaration files and JSON are never source the tool rewrites. */
export function isDeclarationOrData(file: string): boolean {
  return /\.d\.[cm]?ts$/.test(file) || /\.d\.[^.]+\.ts$/.test(file) || file.endsWith('.json');
}
