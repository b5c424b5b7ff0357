/**
 * The parser is chosen from the file name: TypeScript for .ts/.mts/.cts,
 * TSX for .tsx, Babel with JSX (and Flow annotations) for JavaScript.
 */
import { parse, type ParserOptions, type ParserPlugin } from '@babel/parser';
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
    startLine: 1,
    tokens: true,
    plugins: [...COMMON, ...plugins],
  };
}

const TS = options(['typescript', 'decorators-legacy']);
const TSX = options([['typescript', {}], 'jsx', 'decorators-legacy']);
const JS = options(['jsx', 'flow', 'decorators-legacy']);

export type ParserName = 'ts' | 'tsx' | 'babel';

export const SOURCE_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'];

export function parserNameFor(file: string): ParserName {
  const ext = path.extname(file);
  if (ext === '.tsx') return 'tsx';
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') return 'ts';
  return 'babel';
}

/** A recast-compatible parser object (`{ parse(source) }`). */
export function parserFor(file: string): { parse(source: string): any } {
  const chosen = { ts: TS, tsx: TSX, babel: JS }[parserNameFor(file)];
  return { parse: (source: string) => parse(source, chosen) };
}

/** Files never parsed: declarations, JSON, and minified bundles. */
export function isNeverParsed(file: string, source?: string): boolean {
  if (/\.d\.[cm]?ts$/.test(file) || file.endsWith('.json') || /\.min\.[cm]?js$/.test(file)) return true;
  if (source !== undefined) {
    // A minified bundle: very long lines and few of them.
    const lines = source.split('\n', 50);
    if (lines.some((l) => l.length > 5000)) return true;
  }
  return false;
}
