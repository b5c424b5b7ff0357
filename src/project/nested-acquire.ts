/**
 * Across files, with ts-morph: which imported functions take a connection of
 * their own from which pool. split-io uses it to report a held section that
 * awaits such a function for the same pool (one connection held while waiting
 * for another: a deadlock at `max` concurrent callers).
 */
import path from 'node:path';
import { Node as TsNode, Project, type SourceFile, SyntaxKind } from 'ts-morph';
import { DRIVERS, TEXT } from '../drivers';

/** Per file: local callee name -> pool key, and local pool name -> pool key. */
export interface NestedAcquireInfo {
  acquirers: Record<string, string>;
  pools: Record<string, string>;
}

const ACQUIRING_METHODS = new Set([...DRIVERS.map((d) => d.acquire), ...DRIVERS.flatMap((d) => d.queryMethods)]);
const HELPERS = new Set(DRIVERS.map((d) => d.helperName));

export function planNestedAcquire(files: string[], texts: (file: string) => string | undefined): Map<string, NestedAcquireInfo> {
  // Files holding a connection that await a function imported from the project itself;
  // only those (and what they import) are loaded into ts-morph.
  const relevant = files.filter((f) => {
    const text = texts(f);
    return text !== undefined && TEXT.heldSection.test(text) && awaitsRelativeImport(text);
  });
  const result = new Map<string, NestedAcquireInfo>();
  if (relevant.length === 0) return result;
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { allowJs: true } });
  for (const file of relevant) project.addSourceFileAtPath(file);
  project.resolveSourceFileDependencies();

  // Exported functions that acquire: "<file>#<export>" -> pool key.
  const acquiring = new Map<string, string>();
  for (const sourceFile of project.getSourceFiles()) {
    for (const [name, declarations] of sourceFile.getExportedDeclarations()) {
      for (const declaration of declarations) {
        const body = functionBody(declaration);
        const key = body ? acquiredPool(body, sourceFile) : undefined;
        if (key) acquiring.set(`${sourceFile.getFilePath()}#${name}`, key);
      }
    }
  }
  for (const file of relevant) {
    const sourceFile = project.getSourceFile(file);
    if (!sourceFile) continue;
    const info: NestedAcquireInfo = { acquirers: {}, pools: {} };
    for (const declaration of sourceFile.getImportDeclarations()) {
      const target = declaration.getModuleSpecifierSourceFile();
      if (!target) continue;
      for (const specifier of declaration.getNamedImports()) {
        const local = specifier.getAliasNode()?.getText() ?? specifier.getName();
        const key = acquiring.get(`${target.getFilePath()}#${specifier.getName()}`);
        if (key) info.acquirers[local] = key;
        info.pools[local] = `${target.getFilePath()}#${specifier.getName()}`;
      }
    }
    for (const statement of sourceFile.getVariableStatements()) {
      for (const d of statement.getDeclarations()) info.pools[d.getName()] ??= `${sourceFile.getFilePath()}#${d.getName()}`;
    }
    if (Object.keys(info.acquirers).length > 0) result.set(path.resolve(file), info);
  }
  return result;
}

function functionBody(declaration: TsNode): TsNode | undefined {
  if (TsNode.isFunctionDeclaration(declaration)) return declaration.getBody();
  if (TsNode.isVariableDeclaration(declaration)) {
    const init = declaration.getInitializer();
    if (init && (TsNode.isArrowFunction(init) || TsNode.isFunctionExpression(init))) return init.getBody();
  }
  return undefined;
}

/** The pool a function body checks out of or queries (`pool.connect()`, `pool.query()`, `withClient(pool, ...)`), as a key. */
function acquiredPool(body: TsNode, sourceFile: SourceFile): string | undefined {
  for (const call of body.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    let target: TsNode | undefined;
    if (TsNode.isPropertyAccessExpression(callee) && ACQUIRING_METHODS.has(callee.getName())) target = callee.getExpression();
    if (TsNode.isIdentifier(callee) && HELPERS.has(callee.getText())) target = call.getArguments()[0];
    if (!target || !TsNode.isIdentifier(target)) continue;
    const key = poolKey(target, sourceFile);
    if (key) return key;
  }
  return undefined;
}

/** Where an identifier's binding comes from: an import (`<module file>#<name>`) or a module-level variable of this file. */
function poolKey(identifier: TsNode, sourceFile: SourceFile): string | undefined {
  const declaration = identifier.getSymbol()?.getDeclarations()[0];
  if (!declaration) return undefined;
  if (TsNode.isImportSpecifier(declaration)) {
    const target = declaration.getImportDeclaration().getModuleSpecifierSourceFile();
    return target ? `${target.getFilePath()}#${declaration.getName()}` : undefined;
  }
  if (TsNode.isVariableDeclaration(declaration) && declaration.getSourceFile() === sourceFile && declaration.getVariableStatement()?.getParent() === sourceFile) {
    return `${sourceFile.getFilePath()}#${declaration.getName()}`;
  }
  return undefined;
}

/** Cheap text test: `await name(` where `name` is imported (or required) from a relative module. */
export function awaitsRelativeImport(text: string): boolean {
  const names = new Set<string>();
  const importRe = /import\s*\{([^}]*)\}\s*from\s*['"]\.[^'"]*['"]/g;
  const requireRe = /(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*['"]\.[^'"]*['"]\s*\)/g;
  for (const re of [importRe, requireRe]) {
    for (const match of text.matchAll(re)) {
      for (const part of match[1].split(',')) {
        const local = part.trim().split(/\s+as\s+|\s*:\s*/).pop()?.trim();
        if (local && /^[\w$]+$/.test(local)) names.add(local);
      }
    }
  }
  return [...names].some((n) => new RegExp(`await\\s+${n.replace('$', '\\$')}\\s*\\(`).test(text));
}
