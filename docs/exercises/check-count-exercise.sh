#!/usr/bin/env bash
# Proves the GET /users/count exercise of docs/LEARN.md (step 6) works as printed: check-exercise.sh with the
# exercise's name, which copies the working tree to a temporary folder, applies the marked code blocks there exactly
# as LEARN.md prints them, and runs the command LEARN.md gives for its tests. FULL=1 and KEEP=1 work as there.
set -euo pipefail
exec "$(dirname "$(readlink -f "$0")")/check-exercise.sh" count
