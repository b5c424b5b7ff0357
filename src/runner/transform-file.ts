/**
 * One file, all selected transforms, one parse: the core every view of a run
 * (write, --dry, --json, patch) is computed from.
 */
import jscodeshift from 'jscodeshift';
import { isNeverParsed, parserFor } from './parser';
import { selectTransforms } from './registry';
import { indentOptions, printRoot } from './print';
import { normalize, restore } from './text';
import type { FileResult, HelperRequest, SharedPool, TransformOptions } from './types';

export interface FileOutcome extends FileResult {
  helpers: HelperRequest[];
  pools?: SharedPool[];
}

export function transformSource(path: string, source: string, transformIds: string[] | 'all', options: TransformOptions = {}): FileOutcome {
  const unchanged: FileOutcome = { path, before: source, after: source, changed: false, findings: [], helpers: [] };
  const selected = selectTransforms(transformIds === 'all' ? 'all' : transformIds);
  // Only transforms whose text tests the file passes run; with none, the file is never parsed.
  const transforms = selected.filter((t) => t.meta.prefilter.every((test) => test.test(source)));
  if (isNeverParsed(path, source) || transforms.length === 0) return { ...unchanged, skipped: true };
  const { text, shape } = normalize(source);
  const j = jscodeshift.withParser(parserFor(path));
  let root;
  try {
    root = j(text, indentOptions(text));
  } catch (error) {
    return { ...unchanged, error: `cannot parse: ${(error as Error).message}` };
  }
  const outcome: FileOutcome = { ...unchanged };
  for (const transform of transforms) {
    try {
      const result = transform.rewrite(j, root, text, path, options);
      outcome.findings.push(...result.findings);
      outcome.helpers.push(...result.helpers);
      if (result.pools?.length) outcome.pools = [...(outcome.pools ?? []), ...result.pools];
      outcome.changed ||= result.changed;
    } catch (error) {
      return { ...unchanged, error: `transform ${transform.meta.id} crashed: ${(error as Error).stack ?? error}` };
    }
  }
  if (!outcome.changed) return outcome;
  let printed: string;
  try {
    // Printing re-parses the output (to restore template text), so text that
    // does not parse never comes back from here.
    printed = printRoot(root, text, path);
  } catch (error) {
    return { ...unchanged, findings: outcome.findings, error: `rewrite produced unusable output (not written): ${(error as Error).message}` };
  }
  outcome.after = restore(printed, shape);
  outcome.changed = outcome.after !== source;
  return outcome;
}

