/**
 * Every transform also runs under plain `jscodeshift -t transforms/<id>/index.ts`
 * (pass `--parser=ts` or `--parser=tsx` for TypeScript so jscodeshift's own
 * loader accepts the file): the same pipeline as the CLI, on one file, with
 * only what that file shows (no cross-file scan). Findings are printed through
 * jscodeshift's `api.report`.
 */
import path from 'node:path';
import type { API, FileInfo, Options } from 'jscodeshift';
import { renderMessage } from '../../core/messages';
import { defaults, flagName, validateOptions, type OptionValues } from '../../core/options';
import { type Finding, type Transform, transformWants } from '../../core/types';
import { projectInfo } from '../../project/package-info';
import { isDeclarationOrData } from './parse';
import { JS_FRONT_END } from './front-end';
import { emptyScanData } from '../../core/facts';
import { processFile } from '../../engine/process-file';

export function jscodeshiftTransform(
  transform: Transform,
): (file: FileInfo, api: API, options: Options) => string | undefined {
  return (file, api, options) => {
    const filePath = path.resolve(file.path);
    if (
      isDeclarationOrData(file.path) ||
      !transformWants(transform.meta, 'js', file.source, () => projectInfo(filePath))
    )
      return undefined;
    const outcome = processFile({
      path: filePath,
      text: file.source,
      frontEnd: JS_FRONT_END,
      transforms: [transform],
      options: optionsFrom(transform, options),
      scan: emptyScanData(),
      scanComplete: true,
      mode: 'run',
    });
    // jscodeshift hands over one file after another: this file's trees are done with.
    JS_FRONT_END.endFile?.();
    if (outcome.kind !== 'done') return undefined;
    if (outcome.error) throw new Error(`${file.path}: ${outcome.error}`);
    const report = (f: Finding) =>
      api.report(
        `${file.path}:${f.line}:${f.column} [${f.transform}/${f.messageId}] ${renderMessage(transform.meta, f.messageId, f.data)}`,
      );
    if (outcome.requests.length > 0) {
      // jscodeshift writes the one file it was given: the file would import a module nobody writes.
      const modules = [...new Set(outcome.requests.map((r) => path.relative(path.dirname(filePath), r.path)))];
      const fixes = [...new Set(outcome.unfixedFindings.filter((f) => f.fixable).map((f) => f.messageId))];
      api.report(
        `${file.path}: not rewritten (${fixes.join(', ')}): the rewrite also needs ${modules.join(', ')} written, which jscodeshift cannot do; run \`pool-codemod run ${transform.meta.id}\` on the project instead`,
      );
      for (const f of outcome.unfixedFindings) if (!f.fixable) report(f);
      return undefined;
    }
    for (const f of outcome.findings) report(f);
    // Returning undefined counts the file as skipped: it is never rewritten.
    return outcome.text !== file.source ? outcome.text : undefined;
  };
}

/** The transform's own options, from jscodeshift's flags (`--style=helper` or `--helper-module=...`), validated. */
function optionsFrom(transform: Transform, given: Options): OptionValues {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(transform.meta.options)) {
    const raw: unknown = given[key] ?? given[flagName(key, spec)];
    if (raw === undefined) continue;
    // jscodeshift hands flags over as strings, numbers, booleans or lists of them.
    const text = (v: unknown) =>
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
    values[key] =
      spec.type === 'string[]'
        ? [raw].flat().map(text)
        : spec.type === 'integer'
          ? Number(raw)
          : spec.type === 'boolean'
            ? raw === true || raw === 'true'
            : text(raw);
  }
  validateOptions(values, transform.meta.options, 'jscodeshift option');
  return { ...defaults(transform.meta.options), ...values };
}
