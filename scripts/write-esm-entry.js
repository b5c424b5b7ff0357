#!/usr/bin/env node
/**
 * Writes dist/esm/index.mjs and its types after tsc: the ESM entry point of
 * the package, re-exporting the CommonJS build by name. The names come from
 * the build itself, so the two entry points cannot drift apart.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const names = Object.keys(require(path.join(dist, 'src', 'index.js')))
  .filter((n) => n !== '__esModule')
  .sort();
fs.mkdirSync(path.join(dist, 'esm'), { recursive: true });
fs.writeFileSync(
  path.join(dist, 'esm', 'index.mjs'),
  `// ESM entry point of pool-codemod: the CommonJS build, re-exported by name.\nimport api from '../src/index.js';\n\nexport const { ${names.join(', ')} } = api;\n`,
);
fs.writeFileSync(path.join(dist, 'esm', 'index.d.mts'), `export * from '../src/index.js';\n`);
