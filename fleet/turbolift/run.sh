#!/bin/sh
# For `turbolift foreach`, which runs a command in each clone under work/:
#   turbolift foreach -- sh "$PWD/../fleet/turbolift/run.sh"
# Rewrites the clone, stages what changed (turbolift's commit stages tracked
# files only; a run can create a shared pool module), and writes the
# repository's pull-request description to .git/pool-codemod-pr.md, where it is
# never committed. POOL_CODEMOD overrides the command (tests point it at a local build).
set -eu
git_dir=$(git rev-parse --git-dir)
${POOL_CODEMOD:-npx --yes pool-codemod@0.1.0} run all . --allow-dirty --pr-body "$git_dir/pool-codemod-pr.md"
git add -A
