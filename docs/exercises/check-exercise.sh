#!/usr/bin/env bash
# Proves that one marked exercise of docs/LEARN.md works as printed (check-count-exercise.sh runs it for the count
# exercise): copies this repository (the working tree as it is: tracked and new files, no build/, data/ or logs/; the
# fetched jars of lib/ too, so nothing is downloaded) to a temporary folder, applies the exercise's marked code
# blocks there exactly as LEARN.md prints them (src/extras/test/userapi/ExerciseBlocks.java reads them from the
# Markdown), then runs the command its "command" marker gives. Exits non-zero if a block does not apply, the copy
# does not compile, or a test fails.
#   docs/exercises/check-exercise.sh log-mailer          the exercise's own command (make test CLASS=...)
#   FULL=1 docs/exercises/check-exercise.sh log-mailer   and then the whole `make test` in the copy
#   KEEP=1 docs/exercises/check-exercise.sh log-mailer   keep the copy (its path is printed) to look at it
# Needs what make needs (a JDK 21+, found by make itself; Maven only if lib/ lacks a jar).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: docs/exercises/check-exercise.sh NAME   (NAME as in LEARN.md's <!-- exercise:NAME ... --> markers)" >&2
  exit 2
fi
exercise=$1
repo=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
cd "$repo"
java=$(make -s print-java)
copy=$(mktemp -d "${TMPDIR:-/tmp}/$exercise-exercise.XXXXXX")
if [ -n "${KEEP:-}" ]; then
  echo "the copy stays in $copy"
else
  trap 'rm -rf "$copy"' EXIT
fi

# The working tree as it is (a file deleted but not yet committed is left out), and the jars make fetched.
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$copy"
mkdir -p "$copy/lib" && cp -p lib/*.jar "$copy/lib/" 2>/dev/null || true

"$java" src/extras/test/userapi/ExerciseBlocks.java "$exercise" docs/LEARN.md "$copy"
mapfile -t commands < <("$java" src/extras/test/userapi/ExerciseBlocks.java --commands "$exercise" docs/LEARN.md)
[ -z "${FULL:-}" ] || commands+=("make test")

cd "$copy"
for command in "${commands[@]}"; do
  echo "\$ $command"
  bash -c "$command"
done
echo "the $exercise exercise, as LEARN.md prints it, compiles and passes: ${commands[*]}"
