#!/usr/bin/env node
/** npm run schemas: write schema/*.json from the built code (the tests fail when they are out of date). */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const { configSchema, RUN_RESULT_SCHEMA, AUDIT_RESULT_SCHEMA } = require(
  path.join(root, 'dist', 'src', 'engine', 'schemas.js'),
);
const { TRANSFORMS } = require(path.join(root, 'dist', 'src', 'registry.js'));
const write = (name, value) => fs.writeFileSync(path.join(root, 'schema', name), `${JSON.stringify(value, null, 2)}\n`);
write('pool-codemod.config.schema.json', configSchema(TRANSFORMS));
write('run-result.schema.json', RUN_RESULT_SCHEMA);
write('audit-result.schema.json', AUDIT_RESULT_SCHEMA);
