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
