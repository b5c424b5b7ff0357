#!/bin/sh
# After `multi-gitter run`, put each repository's own description on its pull
# request (multi-gitter gives every pull request the same --pr-body).
# Usage: apply-bodies.sh <POOL_CODEMOD_PR_DIR> <branch>; needs gh, logged in.
set -eu
dir="${1:?the directory run.sh wrote the descriptions to}"
branch="${2:?the branch multi-gitter pushed (-B)}"
for body in "$dir"/*.md; do
  [ -e "$body" ] || continue
  repo=$(basename "$body" .md | sed 's#%2F#/#g')
  ${GH:-gh} pr edit "$branch" --repo "$repo" --body-file "$body"
done
