#!/bin/sh
# For `turbolift foreach` after `turbolift create-prs`: replaces the campaign's
# shared description with this repository's own. Needs gh, logged in.
set -eu
body="$(git rev-parse --git-dir)/pool-codemod-pr.md"
[ -f "$body" ] || exit 0
${GH:-gh} pr edit --body-file "$body"
