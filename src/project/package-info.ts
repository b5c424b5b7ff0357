/**
 * What the nearest package.json and tsconfig.json say about a file's project:
 * which libraries it depends on (driver versions matter: `await using` needs
 * mysql2 >= 3.18) and how its imports resolve.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ProjectInfo {
  /** Directory holding the nearest package.json (or the file's directory). */
  root: string;
  dependencies: Record<string, string>;
  /** package.json "type": "module". */
  esm: boolean;
  /** tsconfig resolves NodeNext/Node16: relative imports need a `.js` suffix. */
  esmImportSuffix: boolean;
  /** package.json `engines.node`, if any. */
  nodeEngine?: string;
  /** `ioCallees` from pool-codemod.config.json beside package.json: callees split-io treats as I/O. */
  ioCallees: string[];
}

/** The project's own settings for pool-codemod. */
export const CONFIG_FILE = 'pool-codemod.config.json';

const cache = new Map<string, ProjectInfo>();

export function projectInfo(file: string): ProjectInfo {
  const dir = path.dirname(path.resolve(file));
  const cached = cache.get(dir);
  if (cached) return cached;
  const info = readProject(dir);
  cache.set(dir, info);
  return info;
}

function readProject(start: string): ProjectInfo {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = readJson(path.join(dir, 'package.json'));
    if (manifest) {
      const tsconfig = readJson(path.join(dir, 'tsconfig.json'));
      const options = (tsconfig?.compilerOptions ?? {}) as Record<string, unknown>;
      const resolution = String(options.moduleResolution ?? options.module ?? '').toLowerCase();
      return {
        root: dir,
        dependencies: { ...(manifest.devDependencies as object), ...(manifest.dependencies as object) },
        esm: manifest.type === 'module',
        esmImportSuffix: resolution === 'nodenext' || resolution === 'node16',
        nodeEngine: (manifest.engines as Record<string, string> | undefined)?.node,
        ioCallees: stringList(readJson(path.join(dir, CONFIG_FILE))?.ioCallees),
      };
    }
    if (path.dirname(dir) === dir || fs.existsSync(path.join(dir, '.git'))) break;
  }
  return { root: start, dependencies: {}, esm: false, esmImportSuffix: false, ioCallees: [] };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    // tsconfig.json may hold comments and trailing commas.
    const text = fs.readFileSync(file, 'utf8');
    try {
      return JSON.parse(text);
    } catch {
      return JSON.parse(text.replace(/\/\*[\s\S]*?\*\/|(^|[^:"'])\/\/.*$/gm, '$1').replace(/,\s*([}\]])/g, '$1'));
    }
  } catch {
    return undefined;
  }
}
