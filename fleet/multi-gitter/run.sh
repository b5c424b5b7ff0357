#!/bin/sh
# multi-gitter runs this script in a fresh clone of each repository:
#   multi-gitter run "$PWD/fleet/multi-gitter/run.sh" -O my-org -B pool-codemod/fix-connections \
#     -m "Fix database connection handling (pool-codemod)" --pr-title "..." --pr-body "..."
# It rewrites the clone (multi-gitter commits whatever changed and opens the
# pull request) and writes that repository's pull-request description to
# $POOL_CODEMOD_PR_DIR/<owner>%2F<name>.md, which apply-bodies.sh then puts on
# each pull request. A non-zero exit (a file it could not process) makes
# multi-gitter skip the repository, so a half-done change is never proposed.
# POOL_CODEMOD overrides the command (tests point it at a local build).
set -eu
out="${POOL_CODEMOD_PR_DIR:?set POOL_CODEMOD_PR_DIR to an absolute directory for the pull-request descriptions}"
repo="${REPOSITORY:?multi-gitter sets REPOSITORY}"
mkdir -p "$out"
body="$out/$(printf '%s' "$repo" | sed 's#/#%2F#g').md"
# pool-codemod writes only inside the repository: the body goes in .git (never committed), then to $out.
git_dir="$(git rev-parse --git-dir)"
${POOL_CODEMOD:-npx --yes pool-codemod@0.1.0} run all . --allow-dirty --pr-body "$git_dir/pool-codemod-pr.md"
mv "$git_dir/pool-codemod-pr.md" "$body"
