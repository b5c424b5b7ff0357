/**
 * Prettier runs on changed files only, and with `auto` only where the project
 * has a prettier config of its own. A prettier failure is reported on that
 * file, never swallowed.
 */
import * as prettier from 'prettier';
import type { FileOutcome } from './transform-file';

export type FormatMode = 'auto' | 'prettier' | 'none';

export async function formatOutcome(outcome: FileOutcome, mode: FormatMode): Promise<void> {
  if (mode === 'none') return;
  try {
    const configFile = await prettier.resolveConfigFile(outcome.path);
    if (mode === 'auto' && !configFile) return;
    const config = (await prettier.resolveConfig(outcome.path, { editorconfig: true })) ?? {};
    const bom = outcome.after.startsWith('\uFEFF');
    const text = bom ? outcome.after.slice(1) : outcome.after;
    // Keep the file's own line endings unless the project's config says otherwise.
    const formatted = await prettier.format(text, { endOfLine: 'auto', ...config, filepath: outcome.path });
    outcome.after = bom ? `\uFEFF${formatted}` : formatted;
  } catch (error) {
    outcome.error = `prettier failed: ${(error as Error).message}`;
  }
}
