// The floor any jscodeshift-based tool pays: parse and print every file, change nothing.
'use strict';

module.exports = function identity(file, api) {
  api.jscodeshift(file.source).toSource();
  return undefined;
};
