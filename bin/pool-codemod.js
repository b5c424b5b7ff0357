#!/usr/bin/env node
// Thin launcher for the compiled CLI (built by `npm ci` / `npm run build`).
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'src', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(
    'pool-codemod: not built yet; run `npm ci` (or `npm run build`) in ' + path.dirname(__dirname) + '\n',
  );
  process.exit(2);
}
require(cli).cli(process.argv.slice(2));
