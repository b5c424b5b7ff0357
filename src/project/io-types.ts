/**
 * Type-aware I/O detection for split-io: in a TypeScript project (a
 * tsconfig.json is found), an awaited call on an object whose type is
 * declared by an HTTP or SDK package counts as I/O, whatever it is called
 * (`this.payments.charge(...)` on a Stripe client). Runs before the rewrite,
 * with the project's tsconfig; the result is call positions per file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Node as TsNode, Project, SyntaxKind } from 'ts-morph';
import { TEXT } from '../drivers';
import { isIoTypePath } from '../analysis/io';

/** Per file: `line:column` (1-based line, 0-based column) of awaited calls typed as I/O. */
export function planIoTypes(files: string[], texts: (file: string) => string | undefined): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const byConfig = new Map<string, string[]>();
  for (const file of files) {
    if (!/\.[cm]?tsx?$/.test(file) || /\.d\.[cm]?ts$/.test(file)) continue;
    const text = texts(file);
    if (!text || !TEXT.heldSection.test(text)) continue;
    const config = nearestTsconfig(file);
    if (config) byConfig.set(config, [...(byConfig.get(config) ?? []), file]);
  }
  for (const [config, group] of byConfig) {
    const project = new Project({ tsConfigFilePath: config, skipAddingFilesFromTsConfig: true });
    for (const file of group) project.addSourceFileAtPath(file);
    project.resolveSourceFileDependencies();
    for (const file of group) {
      const sourceFile = project.getSourceFile(file);
      if (!sourceFile) continue;
      const found: string[] = [];
      for (const awaited of sourceFile.getDescendantsOfKind(SyntaxKind.AwaitExpression)) {
        const call = awaited.getExpression();
        if (!TsNode.isCallExpression(call)) continue;
        const callee = call.getExpression();
        if (!TsNode.isPropertyAccessExpression(callee)) continue;
        const declarations = callee.getExpression().getType().getSymbol()?.getDeclarations() ?? [];
        if (declarations.some((d) => isIoTypePath(d.getSourceFile().getFilePath()))) {
          const { line, column } = sourceFile.getLineAndColumnAtPos(call.getStart());
          found.push(`${line}:${column - 1}`);
        }
      }
      if (found.length > 0) result.set(path.resolve(file), found);
    }
  }
  return result;
}

function nearestTsconfig(file: string): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir || fs.existsSync(path.join(dir, 'package.json'))) return undefined;
  }
}
