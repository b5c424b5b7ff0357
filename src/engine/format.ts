/**
 * Prettier runs on changed files only, and with `auto` only where the
 * project has a prettier config of its own and the file was already
 * formatted with it: reformatting a file that had drifted from the config
 * would change lines no fix touched (the inserted code follows the file's
 * own style anyway). A prettier failure is reported on that file, never
 * swallowed.
 *
 * The project's config is data, never code, unless the user trusts the
 * project for this run: a JavaScript or TypeScript config, a shared config
 * named as a module, and plugins would all run the repository's code, so
 * such a config is not used and a note says what to pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSON5 from 'json5';
import * as prettier from 'prettier';
import type * as Yaml from 'yaml';
import { lazyModule } from '../core/lazy';
import type { FileResult } from '../core/types';

export type FormatMode = 'auto' | 'prettier' | 'none';

export interface FormatOutcome {
  /** Files whose text prettier changed. */
  formatted: FileResult[];
  /** Each config that was not used, and why. */
  notes: { file: string; why: string }[];
}

/** A YAML prettier config is rare; its parser is loaded when one is read. */
const yaml = lazyModule<typeof Yaml>('yaml');

const TRUST_HINT = 'pass --trust-project-code to run it';

/** Format every changed file that should be. */
export async function formatChanged(
  results: FileResult[],
  mode: FormatMode,
  trustProjectCode = false,
): Promise<FormatOutcome> {
  const formatted: FileResult[] = [];
  const notes = new Map<string, string>();
  if (mode === 'none') return { formatted, notes: [] };
  // One config lookup per directory, not per file: a run can change thousands of files in a few directories.
  const configFiles = new Map<string, Promise<string | null>>();
  const configFileOf = (file: string): Promise<string | null> => {
    const dir = path.dirname(file);
    let found = configFiles.get(dir);
    if (!found) {
      found = prettier.resolveConfigFile(file);
      configFiles.set(dir, found);
    }
    return found;
  };
  for (const result of results) {
    if ((result.status !== 'changed' && result.status !== 'created') || result.after === undefined) continue;
    try {
      const configFile = await configFileOf(result.path);
      if (mode === 'auto' && !configFile) continue;
      const untrusted = configFile !== null && !trustProjectCode ? codeInConfig(configFile) : undefined;
      if (configFile && untrusted) {
        notes.set(configFile, `${untrusted}; not run, so changed files under it are not formatted (${TRUST_HINT})`);
        continue;
      }
      // A file the project tells prettier to leave alone is left alone here too, and so is one prettier has no
      // parser for (a Python file in a mixed repository: its inserted code already follows the file's style).
      // (getFileInfo would otherwise resolve the config and load its plugins just to infer a parser.)
      const ignorePath = configFile ? ignoreFileBeside(configFile) : undefined;
      const info = await prettier.getFileInfo(result.path, { ignorePath, resolveConfig: false });
      if (info.ignored || info.inferredParser === null) continue;
      const config =
        (await prettier.resolveConfig(result.path, { editorconfig: true, config: configFile ?? undefined })) ?? {};
      const plugins = (config.plugins ?? []).filter((p) => typeof p === 'string');
      if (plugins.length > 0 && !trustProjectCode) {
        notes.set(
          configFile ?? result.path,
          `names prettier plugins (${plugins.join(', ')}), which are code; not loaded, so changed files under it are not formatted (${TRUST_HINT})`,
        );
        continue;
      }
      // Keep the file's own line endings unless the project's config says otherwise.
      const options = { endOfLine: 'auto' as const, ...config, filepath: result.path };
      const before = result.before?.replace(/^\uFEFF/, '');
      if (mode === 'auto' && before !== undefined && !(await prettier.check(before, options))) continue;
      const bom = result.after.startsWith('\uFEFF');
      const text = bom ? result.after.slice(1) : result.after;
      const after = bom ? `\uFEFF${await prettier.format(text, options)}` : await prettier.format(text, options);
      if (after !== result.after) {
        result.after = after;
        formatted.push(result);
      }
    } catch (error) {
      result.status = 'error';
      result.reason = `prettier failed: ${(error as Error).message.split('\n')[0]}`;
    }
  }
  return { formatted, notes: [...notes].map(([file, why]) => ({ file, why })) };
}

const CODE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']);

/**
 * Why loading this prettier config would run the project's code, or
 * undefined when it is plain data. Prettier itself would import a script
 * config, and require a shared config named by a string (in package.json, or
 * as the whole of a `.prettierrc`).
 */
export function codeInConfig(configFile: string): string | undefined {
  const base = path.basename(configFile);
  const extension = path.extname(configFile);
  if (CODE_EXTENSIONS.has(extension)) return 'a prettier config written as a script';
  let value: unknown;
  try {
    const text = fs.readFileSync(configFile, 'utf8').replace(/^\uFEFF/, '');
    if (base === 'package.json') value = (JSON.parse(text) as { prettier?: unknown }).prettier;
    else if (base === 'package.yaml') value = (yaml().parse(text) as { prettier?: unknown } | null)?.prettier;
    else if (extension === '.json') value = JSON.parse(text);
    else if (extension === '.json5') value = JSON5.parse(text);
    else if (extension === '.toml')
      return undefined; // a TOML document is always a table
    else value = yaml().parse(text);
  } catch {
    return undefined; // prettier reports a broken config itself, on the file
  }
  return typeof value === 'string' ? `names the shared prettier config ${JSON.stringify(value)}, a module` : undefined;
}

/** The project's .prettierignore, beside its prettier config. */
function ignoreFileBeside(configFile: string): string | undefined {
  const candidate = path.join(path.dirname(configFile), '.prettierignore');
  return fs.existsSync(candidate) ? candidate : undefined;
}
