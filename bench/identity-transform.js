// The floor any jscodeshift-based tool pays: parse and print every file,
// change nothing. Uses the same per-file parser choice as pool-codemod.
'use strict';
const { parserFor } = require('../dist/src/runner/parser');

module.exports = function identity(file, api) {
  const j = api.jscodeshift.withParser(parserFor(file.path));
  j(file.source).toSource();
  return undefined;
};
