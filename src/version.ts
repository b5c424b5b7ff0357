/** The package's own version, from its package.json (found above this file, built or not). */
import fs from 'node:fs';
import path from 'node:path';

function readVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'pool-codemod' && manifest.version) return manifest.version;
    }
    if (path.dirname(dir) === dir) return '0.0.0';
  }
}

export const VERSION = readVersion();

/** The directory of the package itself (holding bin/ and package.json), built or not. */
export const PACKAGE_ROOT = ((): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'bin', 'pool-codemod.js'))) return dir;
    if (path.dirname(dir) === dir) return path.join(__dirname, '..');
  }
})();
