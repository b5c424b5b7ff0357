/**
 * Prettier runs on changed files only, and with `auto` only where the
 * project has a prettier config of its own. A prettier failure is reported
 * on that file, never swallowed.
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
  for (const result of results) {
    if ((result.status !== 'changed' && result.status !== 'created') || result.after === undefined) continue;
    try {
      const configFile = await prettier.resolveConfigFile(result.path);
      if (mode === 'auto' && !configFile) continue;
      // A file the project tells prettier to leave alone is left alone here too.
      const ignorePath = configFile ? ignoreFileBeside(configFile) : undefined;
      if ((await prettier.getFileInfo(result.path, { ignorePath })).ignored) continue;
      const config = (await prettier.resolveConfig(result.path, { editorconfig: true })) ?? {};
      const bom = result.after.startsWith('\uFEFF');
      const text = bom ? result.after.slice(1) : result.after;
      // Keep the file's own line endings unless the project's config says otherwise.
      const formatted = await prettier.format(text, { endOfLine: 'auto', ...config, filepath: result.path });
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
