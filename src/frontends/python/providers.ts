/**
 * The modules Python rewrites ask for: the shared pool module client-to-pool
 * plans when a project opens connections per call with one config and has
 * no pool (`db.py`: the pool made once at import, from the config the call
 * sites used, in the files' style).
 */
import { defineProvider } from '../../core/providers';
import { type PyDriverId, pyDriverById } from '../../drivers/python';
import type { PyStyle } from './style';
import { rewriteOutsideStrings } from '../../core/outside-strings';

export interface PyPoolModuleRequest {
  kind: 'python-pool-module';
  path: string;
  driver: PyDriverId;
  name: string;
  /** The connect call's arguments as written (`host="db", dbname="app"`). */
  config: string;
  /** The project's imports the config reads names from (`from app.config import DB_HOST`). */
  imports?: string[];
  style: PyStyle;
}

export const PY_POOL_MODULE = defineProvider<PyPoolModuleRequest>({
  kind: 'python-pool-module',
  where: 'the pool module beside the files that connect (db.py)',
  provide(target, current, [first]) {
    if (current !== null) return { failure: `${target} already exists` };
    const text = poolModuleText(first);
    return text ? { text } : { failure: `no shared pool recipe for ${first.driver}` };
  },
});

export function poolModuleText(request: Omit<PyPoolModuleRequest, 'kind' | 'path'>): string | undefined {
  const shared = pyDriverById(request.driver).sharedPool;
  if (!shared) return undefined;
  const { style } = request;
  const standard = [...(/\bos\./.test(request.config) ? ['import os'] : []), ...shared.imports];
  const lines = [
    ...(style.coding ? ['# -*- coding: utf-8 -*-'] : []),
    '"""The one connection pool this project shares.',
    '',
    'Written by pool-codemod client-to-pool.',
    '"""',
    ...(standard.length > 0 ? [...standard, ''] : []),
    `from ${shared.module} import ${shared.names.join(', ')}`,
    ...(request.imports?.length ? ['', ...groupedImports(request.imports, style)] : []),
    '',
    ...(shared.definition.length > 0 ? ['', ...shared.definition.map((l) => restyled(l, style)), '', ''] : []),
    ...shared.comment.split('\n').map((l) => `# ${l}`),
    `${request.name} = ${laidOut(shared.create(configFor(request.driver, oneLine(request.config))), request.name, style)}`,
    '',
  ];
  return lines.join(style.eol);
}

/**
 * The project's imports a config reads, one statement per module (`from
 * app.config import DB_HOST, DB_NAME`), in parentheses one name per line when
 * the line would pass 79 characters (PEP 8).
 */
function groupedImports(imports: readonly string[], style: PyStyle): string[] {
  const byModule = new Map<string, string[]>();
  const others: string[] = [];
  for (const statement of imports) {
    const from = /^from (\S+) import (.+)$/.exec(statement);
    if (from) byModule.set(from[1], [...(byModule.get(from[1]) ?? []), from[2]]);
    else others.push(statement);
  }
  const grouped = [...byModule].map(([module, names]) => {
    const line = `from ${module} import ${names.join(', ')}`;
    if (line.length <= 79) return line;
    return [`from ${module} import (`, ...names.map((n) => `${style.indent}${n},`), ')'].join(style.eol);
  });
  return [...others, ...grouped];
}

/**
 * The arguments as written, on one line: a call site's line breaks and indent
 * mean nothing in the new module. Arguments with a comment among them stay as
 * written, ending in a line break: on one line a comment would swallow what
 * follows it, the pool call's closing parenthesis included.
 */
function oneLine(config: string): string {
  if (withoutComments(config) !== config) return `${config.trimEnd()}\n`;
  return config.includes('\n') ? splitArguments(config).join(', ') : config;
}

/** An argument that can move to another line or position: no comment in it, no line break. */
function standsAlone(arg: string): boolean {
  return !arg.includes('#') && !arg.includes('\n');
}

/** The text with its comments (`#` to the end of the line, outside strings) taken out. */
function withoutComments(text: string): string {
  return rewriteOutsideStrings(text, `'"`, (i) => {
    if (text[i] !== '#') return { text: text[i], next: i + 1 };
    const end = text.indexOf('\n', i);
    return { text: '', next: end < 0 ? text.length : end };
  });
}

/** Longer than this, the pool's call takes one argument per line (black's limit). */
const LINE_LIMIT = 88;

/** `F(a, b)` as it is when `name = F(a, b)` fits on a line, else one argument per line at one indent step. */
function laidOut(call: string, name: string, style: PyStyle): string {
  const open = call.indexOf('(');
  if (`${name} = ${call}`.length <= LINE_LIMIT || open < 0 || !call.endsWith(')')) return call;
  const args = splitArguments(call.slice(open + 1, -1));
  if (!args.every(standsAlone)) return call;
  return [`${call.slice(0, open + 1)}`, ...args.map((a) => `${style.indent}${a},`), ')'].join(style.eol);
}

/**
 * A line of a driver's class definition (4-space indent, double quotes) in
 * the project's indent and quote kind; docstrings keep `"""` (PEP 257).
 */
export function restyled(line: string, style: PyStyle): string {
  const indent = /^(?: {4})*/.exec(line)?.[0] ?? '';
  const body = line.slice(indent.length);
  const quoted = style.quote === "'" ? body.replace(/(?<!")"([^"'\\]*)"(?!")/g, "'$1'") : body;
  return style.indent.repeat(indent.length / 4) + quoted;
}

/**
 * The connect arguments as the pool takes them: psycopg2's pool passes its
 * extra arguments to connect() as they are; psycopg_pool takes the
 * connection string, and keyword arguments as `kwargs=dict(...)`.
 */
function configFor(driver: PyDriverId, config: string): string {
  if (driver !== 'psycopg') return config;
  // Split into keywords and the connection string, a comment would end up inside another argument: it is dropped.
  const parts = splitArguments(withoutComments(config));
  const positional = parts.filter((p) => !/^\w+\s*=/.test(p));
  const keywords = parts.filter((p) => /^\w+\s*=/.test(p) && !/^conninfo\s*=/.test(p));
  const conninfo = parts.find((p) => /^conninfo\s*=/.test(p))?.replace(/^conninfo\s*=\s*/, '') ?? positional[0];
  return [conninfo ?? '""', ...(keywords.length > 0 ? [`kwargs=dict(${keywords.join(', ')})`] : []), 'open=True'].join(
    ', ',
  );
}

/** Top-level comma-separated arguments (brackets and strings respected). */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      current += ch;
      if (ch === '\\') current += text[++i] ?? '';
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      if (current.trim()) parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
