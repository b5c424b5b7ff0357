#!/bin/sh
# Runs in the target repository: every pool-codemod transform, writing the
# changes (the workflow engine shows and applies them) and a pull-request
# description to .git/pool-codemod-pr.md, where it is never committed.
# POOL_CODEMOD overrides the command (tests point it at a local build).
set -eu
git_dir=$(git rev-parse --git-dir 2>/dev/null || echo .)
${POOL_CODEMOD:-npx --yes pool-codemod@0.1.0} run all . --allow-dirty --pr-body "$git_dir/pool-codemod-pr.md"
