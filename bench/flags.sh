#!/usr/bin/env bash
# Compares JVM flag sets for bin/user-api with plain `java -jar`, the way its flags were chosen: each candidate is a
# fresh server on a new SQLite file with its AOT cache (when there is one), 50 users and a signed-in admin; after a
# warm-up of each read it is loaded with wrk on GET /users/{id} and GET /users?limit=20; the candidates take turns,
# round after round, every other round in the reverse order, because this kind of machine changes speed over
# minutes. Prints, per candidate, requests/s and p99 summed over the rounds as a ratio to plain `java -jar`, and its
# resident memory after the load.
#
#   JAVA=$(make -s print-java) bash bench/flags.sh [ROUNDS] ['NAME=FLAGS' ...]
#   e.g. bash bench/flags.sh 4 'young12=-XX:+UseSerialGC -Xmx64m -Xmn12m' 'young48=-XX:+UseSerialGC -Xmx128m -Xmn48m'
#
# Without candidates it compares bin/user-api's own memory flags. Every candidate also gets the trim and malloc
# settings bin/user-api adds. Knobs: FLAGS_WARMUP=5s FLAGS_DURATION=10s; BENCH_BUILD=build (the jar's directory).
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$ROOT/bench/lib.sh"
: "${JAVA:?set JAVA to a java >= 21 (JAVA=\$(make -s print-java))}"
BUILD_DIR=$ROOT/${BENCH_BUILD:-build}
JAR=$BUILD_DIR/user-api.jar
[ -f "$JAR" ] || { echo "flags: no $JAR: make jar first" >&2; exit 1; }
WARMUP=${FLAGS_WARMUP:-5s}
DURATION=${FLAGS_DURATION:-10s}
ROUNDS=${1:-4}
shift || true
if [ $# -eq 0 ]; then
  set -- "user-api=$(sed -n 's/^flags=(\(.*\))$/\1/p' "$ROOT/bin/user-api")"
fi
CANDIDATES=("java -jar=" "$@")
require_load_tools
AOT=$(ls "$BUILD_DIR"/user-api-*.aot 2>/dev/null | head -1 || true)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/userapi-flags.XXXXXX")
PID=
trap '[ -z "$PID" ] || kill -KILL "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
bench_setup
declare -A REQ P99 RSS

# load PORT PATH TOKEN DURATION: prints "requests p99_us" of one wrk run
load() {
  wrk -t2 -c64 -d"$4" --timeout 5s -s "$ROOT/bench/wrk.lua" "http://127.0.0.1:$1$2" -- get flags "$3" |
    wrk_result | cut -d' ' -f1,4
}

# run NAME FLAGS: one server, its warm-up and its measures, added to REQ, P99 and RSS
run() {
  local name=$1 flags=$2 dir id token scenario path
  dir=$(mktemp -d "$WORK/run.XXXXXX")
  : >"$dir/server.log" # there before wait_listening reads it
  local env=(env -u DATABASE_URL PORT=0 PASSWORD_HASH_ITERATIONS=1000 SHUTDOWN_DRAIN_SECONDS=0)
  local jvm=()
  if [ -n "$flags" ]; then
    env+=("MALLOC_ARENA_MAX=2")
    jvm=(-XX:TrimNativeHeapInterval=1000 ${AOT:+"-XX:AOTCache=$AOT"})
  fi
  # shellcheck disable=SC2086 # FLAGS is a list of flags
  (cd "$dir" && exec "${env[@]}" "$JAVA" $flags "${jvm[@]}" -jar "$JAR") >"$dir/server.log" 2>&1 &
  PID=$!
  wait_listening "$PID" "$dir/server.log"
  id=$(create_user "$PORT" flags-0@example.com)
  for i in $(seq 1 49); do create_user "$PORT" "flags-$i@example.com" >/dev/null; done
  (cd "$dir" && env -u DATABASE_URL "$JAVA" -jar "$JAR" promote flags-0@example.com >/dev/null)
  token=$(login "$PORT" flags-0@example.com)
  for scenario in get list; do
    [ $scenario = get ] && path=/users/$id || path='/users?limit=20'
    load "$PORT" "$path" "$token" "$WARMUP" >/dev/null
  done
  for scenario in get list; do
    [ $scenario = get ] && path=/users/$id || path='/users?limit=20'
    read -r requests p99 <<<"$(load "$PORT" "$path" "$token" "$DURATION")"
    REQ[$name,$scenario]=$((${REQ[$name,$scenario]:-0} + requests))
    P99[$name,$scenario]=$((${P99[$name,$scenario]:-0} + p99))
    log "round $round, $name, $scenario: $((requests / $(seconds "$DURATION"))) requests/s, p99 $((p99 / 1000)) ms"
  done
  RSS[$name]="${RSS[$name]:-}$(awk '/^VmRSS:/ {printf "%.0f ", $2 / 1024}' "/proc/$PID/status")"
  stop_server "$PID"
  PID=
  rm -rf "$dir"
}

for round in $(seq 1 "$ROUNDS"); do
  order=("${CANDIDATES[@]}")
  if [ $((round % 2)) -eq 0 ]; then
    mapfile -t order < <(printf '%s\n' "${CANDIDATES[@]}" | tac)
  fi
  for candidate in "${order[@]}"; do
    run "${candidate%%=*}" "${candidate#*=}"
  done
done

echo "| flags | GET req/s | GET p99 | list req/s | list p99 | resident after the load (MiB) |"
echo "|---|---:|---:|---:|---:|---|"
for candidate in "${CANDIDATES[@]}"; do
  name=${candidate%%=*}
  awk -v n="$name" -v f="${candidate#*=}" -v g="${REQ[$name,get]}" -v g0="${REQ[java -jar,get]}" \
      -v gp="${P99[$name,get]}" -v gp0="${P99[java -jar,get]}" -v l="${REQ[$name,list]}" -v l0="${REQ[java -jar,list]}" \
      -v lp="${P99[$name,list]}" -v lp0="${P99[java -jar,list]}" -v rss="${RSS[$name]}" \
      'BEGIN {printf "| %s%s | %.2f× | %.2f× | %.2f× | %.2f× | %s |\n", n, (f == "" ? "" : " (`" f "`)"),
              g / g0, gp / gp0, l / l0, lp / lp0, rss}'
done
echo "($ROUNDS rounds; ratios are sums over the rounds, to plain java -jar in the same rounds)"
