/**
 * Lets every transform run under plain `jscodeshift -t transforms/<id>.ts`
 * (pass `--parser=ts` or `--parser=tsx` for TypeScript): same rewrite, with
 * findings printed through jscodeshift's `api.report`.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import { projectInfo } from '../project/package-info';
import { isNeverParsed } from './parser';
import { indentOptions, printRoot } from './print';
import { normalize, restore } from './text';
import type { TransformMeta, TransformOptions } from './types';
import type { TransformModule } from './registry';

export function runAsJscodeshift(rewrite: TransformModule['rewrite'], meta: TransformMeta, file: FileInfo, api: API, options: Options): string | undefined {
  // The same cheap text test as the runner: files with no database code are never parsed.
  if (isNeverParsed(file.path, file.source) || !meta.prefilter.every((test) => test.test(file.source))) return undefined;
  const { text, shape } = normalize(file.source);
  const j = api.jscodeshift;
  const root = j(text, indentOptions(text));
  const project = projectInfo(file.path);
  const transformOptions: TransformOptions = {
    style: options.style,
    helperModule: options.helperModule ?? options['helper-module'],
    projectDependencies: project.dependencies,
    esmImportSuffix: project.esmImportSuffix,
    nodeEngine: project.nodeEngine,
    ioCallees: [...[options.ioCallee ?? options['io-callee'] ?? []].flat(), ...project.ioCallees],
  };
  const result = rewrite(j, root, text, file.path, transformOptions);
  for (const finding of result.findings) {
    api.report(`${file.path}:${finding.line}:${finding.column} [${meta.id}/${finding.reason}] ${finding.message}`);
  }
  // Returning undefined counts the file as skipped: it is never reprinted.
  return result.changed ? restore(printRoot(root, text, file.path), shape) : undefined;
}
