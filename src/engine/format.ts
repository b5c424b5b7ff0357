/**
 * Prettier runs on changed files only, and with `auto` only where the
 * project has a prettier config of its own and the file was already
 * formatted with it: reformatting a file that had drifted from the config
 * would change lines no fix touched (the inserted code follows the file's
 * own style anyway). A prettier failure is reported on that file, never
 * swallowed.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import type { FileResult } from '../core/types';

export type FormatMode = 'auto' | 'prettier' | 'none';

/** Format every changed file that should be; returns those whose text prettier changed. */
export async function formatChanged(results: FileResult[], mode: FormatMode): Promise<FileResult[]> {
  if (mode === 'none') return [];
  const changed: FileResult[] = [];
  // One config lookup per directory, not per file: a run can change thousands of files in a few directories.
  const configFiles = new Map<string, Promise<string | null>>();
  const configFileOf = (file: string): Promise<string | null> => {
    const dir = path.dirname(file);
    if (!configFiles.has(dir)) configFiles.set(dir, prettier.resolveConfigFile(file));
    return configFiles.get(dir)!;
  };
  for (const result of results) {
    if ((result.status !== 'changed' && result.status !== 'created') || result.after === undefined) continue;
    try {
      const configFile = await configFileOf(result.path);
      if (mode === 'auto' && !configFile) continue;
      // A file the project tells prettier to leave alone is left alone here too.
      const ignorePath = configFile ? ignoreFileBeside(configFile) : undefined;
      if ((await prettier.getFileInfo(result.path, { ignorePath })).ignored) continue;
      const config = (await prettier.resolveConfig(result.path, { editorconfig: true })) ?? {};
      // Keep the file's own line endings unless the project's config says otherwise.
      const options = { endOfLine: 'auto' as const, ...config, filepath: result.path };
      const before = result.before?.replace(/^\uFEFF/, '');
      if (mode === 'auto' && before !== undefined && !(await prettier.check(before, options))) continue;
      const bom = result.after.startsWith('\uFEFF');
      const text = bom ? result.after.slice(1) : result.after;
      const formatted = await prettier.format(text, options);
      const after = bom ? `\uFEFF${formatted}` : formatted;
      if (after !== result.after) {
        result.after = after;
        changed.push(result);
      }
    } catch (error) {
      result.status = 'error';
      result.reason = `prettier failed: ${(error as Error).message.split('\n')[0]}`;
    }
  }
  return changed;
}

/** The project's .prettierignore, beside its prettier config. */
function ignoreFileBeside(configFile: string): string | undefined {
  const candidate = path.join(path.dirname(configFile), '.prettierignore');
  return fs.existsSync(candidate) ? candidate : undefined;
}
