#!/usr/bin/env node
// The floor any tree-sitter-based Python tool pays: read and parse every .py file under a directory, one thread.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { Language, Parser } = require('web-tree-sitter');

async function main(dir) {
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
  let files = 0;
  const visit = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.isFile() && e.name.endsWith('.py')) {
        parser.parse(fs.readFileSync(full, 'utf8'))?.delete();
        files++;
      }
    }
  };
  visit(dir);
  process.stdout.write(`${files} files parsed\n`);
}

main(process.argv[2]);
