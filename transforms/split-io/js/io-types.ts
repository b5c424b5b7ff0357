/**
 * Type-aware I/O for split-io: in a TypeScript project, an awaited call on an
 * object whose type is declared by an HTTP or SDK package counts as I/O,
 * whatever the variable is called (`this.payments.charge(...)` on a Stripe
 * client). Only for the files that asked, grouped by tsconfig, with one
 * ts-morph program per group holding just those files and what they import.
 */
import path from 'node:path';
import type { FileFact } from '../../../src/core/facts';
import { IO_TYPE_PACKAGES } from '../../../src/drivers/io';
import { projectInfo } from '../../../src/project/package-info';
import { tsMorph } from '../../../src/project/lazy-ts-morph';
import { tsconfigProblem } from '../../../src/project/tsconfig-check';

/** Is a declaration file inside one of the I/O packages (or their @types)? */
function isIoTypePath(filePath: string): boolean {
  const normalised = filePath.split('\\').join('/');
  return IO_TYPE_PACKAGES.some(
    (p) =>
      normalised.includes(`/node_modules/${p}`) || normalised.includes(`/node_modules/@types/${p.replace(/\/$/, '')}/`),
  );
}

/** Per file: `line:column` (1-based line, 0-based column) of awaited member calls typed as I/O. */
function typedIoSites(files: readonly string[]): Record<string, string[]> {
  const result: Record<string, string[]> = Object.fromEntries(files.map((f) => [f, []]));
  const byConfig = new Map<string, string[]>();
  for (const file of files) {
    const config = projectInfo(file).tsconfig;
    if (!config || config.error || !/\.[cm]?tsx?$/.test(file) || tsconfigProblem(config.path)) continue;
    byConfig.set(config.path, [...(byConfig.get(config.path) ?? []), file]);
  }
  if (byConfig.size === 0) return result;
  const { Node: TsNode, Project, SyntaxKind } = tsMorph();
  for (const [config, group] of byConfig) {
    const project = new Project({ tsConfigFilePath: config, skipAddingFilesFromTsConfig: true });
    for (const file of group) project.addSourceFileAtPath(file);
    project.resolveSourceFileDependencies();
    for (const file of group) {
      const sourceFile = project.getSourceFile(file);
      if (!sourceFile) continue;
      for (const awaited of sourceFile.getDescendantsOfKind(SyntaxKind.AwaitExpression)) {
        const call = awaited.getExpression();
        if (!TsNode.isCallExpression(call)) continue;
        const callee = call.getExpression();
        if (!TsNode.isPropertyAccessExpression(callee)) continue;
        const declarations = callee.getExpression().getType().getSymbol()?.getDeclarations() ?? [];
        if (declarations.some((d) => isIoTypePath(d.getSourceFile().getFilePath()))) {
          const { line, column } = sourceFile.getLineAndColumnAtPos(call.getStart());
          result[path.resolve(file)].push(`${line}:${column - 1}`);
        }
      }
    }
  }
  return result;
}

/** split-io's typed-I/O fact: asked for only by TypeScript files with awaited calls no name classifies. */
export const IO_TYPES: FileFact<string[]> = {
  id: 'split-io/io-types',
  language: 'js',
  scope: 'file',
  empty: [],
  compute: (files) => typedIoSites(files.map((f) => path.resolve(f))),
};
