#!/usr/bin/env node
/** Writes src/generated/options.ts from the built option specs (see src/engine/option-types.ts). */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const { optionTypesText } = require(path.join(root, 'dist', 'src', 'engine', 'option-types.js'));
const { TRANSFORMS } = require(path.join(root, 'dist', 'src', 'registry.js'));

fs.mkdirSync(path.join(root, 'src', 'generated'), { recursive: true });
fs.writeFileSync(path.join(root, 'src', 'generated', 'options.ts'), optionTypesText(TRANSFORMS));
