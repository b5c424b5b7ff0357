#!/usr/bin/env node
/** Part of npm run schemas: write docs/transforms/*.md from the built code and the fixtures (the tests fail when they are out of date). */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const { transformDoc, transformsIndex, docExamples } = require(
  path.join(root, 'dist', 'src', 'views', 'transform-doc.js'),
);
const { TRANSFORMS } = require(path.join(root, 'dist', 'src', 'registry.js'));
const out = path.join(root, 'docs', 'transforms');
fs.mkdirSync(out, { recursive: true });
for (const t of TRANSFORMS)
  fs.writeFileSync(
    path.join(out, `${t.meta.id}.md`),
    transformDoc(t.meta, docExamples(path.join(root, '__testfixtures__', t.meta.id))),
  );
fs.writeFileSync(path.join(out, 'README.md'), transformsIndex(TRANSFORMS.map((t) => t.meta)));
