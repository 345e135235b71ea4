#!/usr/bin/env bash
# make bench, after bench/run.sh: the admin's list (GET /users) over 1,000,000 users in SQLite. Starts the jar once
# in a fresh working directory so it creates its database (data/users.db), signs up one user and promotes it to
# admin, stops it, then fills the users table to the count with one INSERT ... SELECT from a recursive CTE in the
# sqlite3 shell (timed). Restarts the jar on that file and loads it with wrk: a GET by id, pages that follow `next`
# from random depths (cursors collected from offset pages first), the same depths by offset, and q searches, which
# no index serves. Prints a Markdown section, with the target reached or not, and appends it to the results file
# that run.sh writes (the same default, the same BENCH_RESULTS).
# Knobs:
#   BENCH_SECONDS=2      a short smoke run: 2 s a scenario, 1 s of warm-up, fewer cursors; appended to
#                        $BENCH_BUILD/bench/results.md (build/bench/results.md), as run.sh writes its smoke run
#   BENCH_WARMUP=5s BENCH_DURATION=10s BENCH_RESULTS=bench/results.md (or an absolute path)
#   BENCH_BUILD=build (the make BUILD directory that holds user-api.jar) BENCH_JAR=path/to/other/user-api.jar
#   BENCH_MILLION_USERS=1000000 BENCH_MILLION_CURSORS=200 BENCH_MILLION_SEED=1 (the random depths)
#   BENCH_SLOW_CONNECTIONS=4   wrk's connections for the scenarios that read many rows a request (offset, q)
#   BENCH_APP_JAVA_OPTS=...    JVM flags for the server, as in run.sh
set -euo pipefail
CALLER_DIR=$PWD
cd "$(dirname "$0")/.."
ROOT=$PWD
. bench/lib.sh

# The jar and the results file as run.sh finds them, so the section lands in the file run.sh has just written.
JAVA=${JAVA:?"set JAVA to a java >= 21 (make bench does)"}
BUILD_DIR=$(absolute "${BENCH_BUILD:-build}" "$ROOT")
JAR=$(absolute "${BENCH_JAR:-$BUILD_DIR/user-api.jar}" "$CALLER_DIR")
CURSORS=${BENCH_MILLION_CURSORS:-200}
if [ -n "${BENCH_SECONDS:-}" ]; then # a smoke run, as in run.sh: not in bench/results.md
  BENCH_WARMUP=${BENCH_WARMUP:-$(((BENCH_SECONDS + 1) / 2))s}
  BENCH_DURATION=${BENCH_DURATION:-${BENCH_SECONDS}s}
  BENCH_RESULTS=${BENCH_RESULTS:-$BUILD_DIR/bench/results.md}
  CURSORS=${BENCH_MILLION_CURSORS:-20}
fi
WARMUP=${BENCH_WARMUP:-5s}
DURATION=${BENCH_DURATION:-10s}
RESULTS=$(absolute "${BENCH_RESULTS:-bench/results.md}" "$ROOT")
USERS=${BENCH_MILLION_USERS:-1000000}
RANDOM=${BENCH_MILLION_SEED:-1} # the same depths in every run
CONNECTIONS=64
# A request that reads most of the table takes a pool connection (SQLite's pool has 4) for its whole scan: with 64
# connections wrk would measure the queue in front of the pool, and most of its requests would time out.
SLOW_CONNECTIONS=${BENCH_SLOW_CONNECTIONS:-4}
THREADS=2
ITERATIONS=1000 # PASSWORD_HASH_ITERATIONS, as in run.sh
ADMIN=admin@example.com
APP_JAVA_OPTS=${BENCH_APP_JAVA_OPTS:-}
LOGS=$ROOT/bench # bench/million-*.log (ignored by git)

require_load_tools
command -v sqlite3 >/dev/null || { echo "make bench needs the sqlite3 shell to fill the database: apt-get install sqlite3" >&2; exit 1; }
[ -f "$JAR" ] || { echo "build first: make bench" >&2; exit 1; }
[ "$USERS" -ge 100 ] || { echo "BENCH_MILLION_USERS must be 100 or more" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/userapi-million.XXXXXX")
PIDS=()
bench_setup

# Whatever happens, no server outlives the bench, and the database file (about 400 MiB) goes with the directory.
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "bench interrupted" >&2; exit 130' INT TERM

# start_server: the jar with its default repository (DATABASE_URL unset: data/users.db under $APP_DIR), PORT=0,
# BENCH_APP_JAVA_OPTS or default JVM flags; sets SERVER_PID and PORT (from its "listening on" line).
APP_DIR=$WORK/app
SERVER_LOG=$LOGS/million-server.log
start_server() {
  local skip
  skip=$(wc -l <"$SERVER_LOG") # the log of earlier starts
  (cd "$APP_DIR" && exec env -u DATABASE_URL PORT=0 PASSWORD_HASH_ITERATIONS=$ITERATIONS SHUTDOWN_DRAIN_SECONDS=0 \
     "$JAVA" $APP_JAVA_OPTS -jar "$JAR") >>"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  wait_listening "$SERVER_PID" "$SERVER_LOG" "$skip"
}

# Waits (up to 60 s) until the server uses under a twentieth of a core: the requests a slow scenario left running
# when wrk stopped must not be paid by the next one.
settle() {
  local pid=$1 before after
  for _ in $(seq 1 120); do
    before=$(cpu_ticks "$pid")
    pause 0.5
    after=$(cpu_ticks "$pid")
    [ $((after - before)) -gt $((CLK_TCK / 40)) ] || return 0
  done
  log "the server was still busy after 60 s"
}


# --- 1. a fresh database with one admin ---------------------------------------------------------------------
: >"$SERVER_LOG"
: >"$LOGS/million-wrk.log"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
BEGIN=$(date +%s)
mkdir -p "$APP_DIR"
log "a fresh database in $APP_DIR"
start_server
create_user "$PORT" "$ADMIN" "Bench Admin" >/dev/null
stop_server "$SERVER_PID"
(cd "$APP_DIR" && env -u DATABASE_URL "$JAVA" -jar "$JAR" promote "$ADMIN" >/dev/null)
DB=$APP_DIR/data/users.db
[ -f "$DB" ] || { log "no database at $DB"; exit 1; }

# --- 2. the fill: one statement -----------------------------------------------------------------------------
# Each new user copies the first user's password hash and is a plain user at version 1; the e-mail and name carry
# the user's number, zero-padded, so every index is appended to in order (the ids too: ascending, well-formed UUIDs),
# the fastest a B-tree grows. created_at_ms: one second apart, all before the first user's. The trigger on INSERT
# keeps user_count (the list's total) right. No rollback journal and no fsync while filling; WAL again after, as
# the server leaves the file.
FILL=$((USERS - $(sqlite3 "$DB" 'SELECT COUNT(*) FROM users')))
FILL_SQL="WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $FILL),
  first(hash, at) AS (SELECT password_hash, created_at_ms FROM users ORDER BY seq LIMIT 1)
INSERT INTO users (id, name, email, password_hash, created_at_ms, version, role)
SELECT printf('00000000-0000-4000-8000-%012x', i), printf('User %07d', i), printf('user%07d@example.com', i),
       first.hash, first.at - ($FILL + 1 - i) * 1000, 1, 'user'
FROM n, first;"
log "filling the users table to $USERS rows: one INSERT of $FILL rows"
t0=${EPOCHREALTIME/./}
sqlite3 "$DB" >/dev/null <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
$FILL_SQL
SQL
FILL_MS=$(((${EPOCHREALTIME/./} - t0) / 1000))
sqlite3 "$DB" 'PRAGMA journal_mode = WAL' >/dev/null
read -r COUNTED TOTAL <<<"$(sqlite3 -separator ' ' "$DB" 'SELECT (SELECT COUNT(*) FROM users), (SELECT n FROM user_count)')"
if [ "$COUNTED" != "$USERS" ] || [ "$TOTAL" != "$USERS" ]; then
  log "after the fill: $COUNTED rows, user_count says $TOTAL; $USERS expected"
  exit 1
fi
DB_MIB=$(($(stat -c %s "$DB") / 1048576))
log "filled in $FILL_MS ms: $COUNTED users, user_count $TOTAL, $DB_MIB MiB"
# A user half-way down the table, for the GET by id.
USER_ID=$(sqlite3 "$DB" "SELECT id FROM users WHERE email = printf('user%07d@example.com', $((FILL / 2)))")

# --- 3. the server on the full table: the request paths -------------------------------------------------------
start_server
pid=$SERVER_PID
port=$PORT
TOKEN=$(login "$port" "$ADMIN")

# Random depths (0 .. USERS - 40, so each has a next page), the same for both sorts and for the offset pages.
DEPTHS=()
for _ in $(seq 1 "$CURSORS"); do
  DEPTHS+=($((((RANDOM << 15) | RANDOM) % (USERS - 40))))
done

# collect_cursors FILE SORT_PARAMETER: one offset page at each depth (one curl, one connection), and its next
# cursor as a path into FILE: /users?[sort=...&]limit=20&after=CURSOR, a page 20 deeper.
collect_cursors() {
  local file=$1 sort=$2 urls=() depth
  for depth in "${DEPTHS[@]}"; do
    urls+=("http://127.0.0.1:$port/users?${sort}limit=20&offset=$depth")
  done
  curl -s --max-time 600 -H "Authorization: Bearer $TOKEN" -w '\n' "${urls[@]}" \
    | sed -n 's/.*"next":"\([^"]*\)".*/\1/p' | awk -v path="/users?${sort}limit=20&after=" '{print path $0}' >"$file"
  [ "$(wc -l <"$file")" = "${#DEPTHS[@]}" ] || { log "$(wc -l <"$file") cursors from ${#DEPTHS[@]} offset pages"; return 1; }
}
log "collecting $CURSORS cursors at random depths, sorted by creation and by e-mail (offset pages)"
t0=${EPOCHREALTIME/./}
collect_cursors "$WORK/next.txt" ''
collect_cursors "$WORK/next-email.txt" 'sort=email&'
COLLECT_MS=$(((${EPOCHREALTIME/./} - t0) / 1000))

# The walk must go on where its offset page ended: depth d's next page starts at user number d + 21 by creation
# (the fill's users come first, in number order) and d + 20 by e-mail (admin@ sorts before user...).
check_walk() {
  local path=$1 want=$2 got
  got=$(curl -s --max-time 30 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$path" \
    | sed -n 's/^{"items":\[{[^}]*"email":"\([^"]*\)".*/\1/p')
  [ "$got" = "$want" ] || { log "the page after $path starts with '$got', not $want"; return 1; }
}
check_walk "$(head -1 "$WORK/next.txt")" "$(printf 'user%07d@example.com' $((DEPTHS[0] + 21)))"
check_walk "$(head -1 "$WORK/next-email.txt")" "$(printf 'user%07d@example.com' $((DEPTHS[0] + 20)))"

printf '%s\n' "/users/$USER_ID" >"$WORK/get-id.txt"
printf '/users?limit=20\n' >"$WORK/first.txt"
for depth in "${DEPTHS[@]}"; do echo "/users?limit=20&offset=$depth"; done >"$WORK/offset.txt"
Q_FEW=$(printf 'user%06d' $((FILL / 20))) # the first six of seven digits: ten users' e-mails
printf '/users?limit=20&q=%s\n' "$Q_FEW" >"$WORK/q-few.txt"
printf '/users?limit=20&q=nobody\n' >"$WORK/q-none.txt"
printf '/users?limit=20&q=example\n' >"$WORK/q-all.txt"

# Measured in this order: the walks right after the GET by id they are compared with (the machine may be shared).
SCENARIOS=(get-id next next-email first offset q-few q-none q-all)
declare -A SCENARIO_NAME=(
  [get-id]='GET /users/{id}'
  [first]='GET /users?limit=20 (the first page)'
  [next]="GET /users?limit=20&after= (next at $CURSORS random depths)"
  [next-email]="GET /users?sort=email&limit=20&after= (next at $CURSORS random depths)"
  [offset]="GET /users?limit=20&offset= (the same $CURSORS depths)"
  [q-few]="GET /users?limit=20&q=$Q_FEW (10 matches)"
  [q-none]='GET /users?limit=20&q=nobody (no match)'
  [q-all]='GET /users?limit=20&q=example (every user matches)')
declare -A CONNECTIONS_OF=([offset]=$SLOW_CONNECTIONS [q-few]=$SLOW_CONNECTIONS [q-none]=$SLOW_CONNECTIONS
  [q-all]=$SLOW_CONNECTIONS)
declare -A RESULT

# run_wrk SCENARIO DURATION: one wrk run; prints "requests duration_us p50_us p99_us non2xx errors".
run_wrk() {
  local scenario=$1 duration=$2 out connections=${CONNECTIONS_OF[$1]:-$CONNECTIONS}
  out=$(timeout $(($(seconds "$duration") + 60)) wrk -t"$THREADS" -c"$connections" -d"$duration" --timeout 30s \
        -s "$ROOT/bench/million.lua" "http://127.0.0.1:$port" -- "$WORK/$scenario.txt" "$TOKEN" 2>&1) || {
    log "wrk failed: $out"; return 1; }
  { echo "== $(date -u +%FT%TZ) $scenario -c$connections $duration"; echo "$out"; } >>"$LOGS/million-wrk.log"
  wrk_result <<<"$out"
}

# First a warm-up of the quick scenarios, so the JIT has compiled the paths they share (HTTP, sign-in, JSON) before
# the first measure. Then each scenario warms up again right before it is measured: the JIT recompiles what the
# scenario before it left specialised, and the GC resizes for its answers. Each starts once the server is idle.
# RESULT[SCENARIO]: "requests duration_us p50 p99 non2xx errors cpu_ticks".
for scenario in get-id next next-email first; do
  log "$scenario: warm-up $WARMUP"
  run_wrk "$scenario" "$WARMUP" >/dev/null
done
settle "$pid"
for scenario in "${SCENARIOS[@]}"; do
  log "$scenario: warm-up $WARMUP, then $DURATION"
  run_wrk "$scenario" "$WARMUP" >/dev/null
  settle "$pid"
  cpu0=$(cpu_ticks "$pid")
  out=$(run_wrk "$scenario" "$DURATION")
  [ -n "$out" ] || { log "wrk printed no RESULT line: see $LOGS/million-wrk.log"; exit 1; }
  RESULT[$scenario]="$out $(($(cpu_ticks "$pid") - cpu0))"
  settle "$pid"
done
stop_server "$pid"

# --- the report ---------------------------------------------------------------------------------------------
fmt_ms() { awk -v us="$1" 'BEGIN {printf (us < 10000 ? "%.2f ms" : (us < 1e6 ? "%.1f ms" : "%.2f s")), (us < 1e6 ? us / 1000 : us / 1e6)}'; }
rps_of() { awk '{r = $1 / ($2 / 1e6); printf (r < 100 ? "%.1f" : "%.0f"), r}' <<<"$1"; }
cpu_us() { awk -v tck="$CLK_TCK" '{printf "%.0f", ($1 > 0 ? $7 / tck * 1e6 / $1 : 0)}' <<<"$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (b > 0 ? (a / b < 0.1 ? "%.4f×" : "%.2f×") : "n/a"), (b > 0 ? a / b : 0)}'; }
fmt_n() { sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' <<<"$1"; } # 1000000 -> 1,000,000

ELAPSED=$(($(date +%s) - BEGIN))
JDK_VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
SQLITE_VERSION=$(sqlite3 --version | cut -d' ' -f1)

report() {
  local scenario r requests duration p50 p99 non2xx errors ticks base next_ratio flag
  base=${RESULT[get-id]}
  echo
  echo "## $(fmt_n "$USERS") users in SQLite"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores · JDK $JDK_VERSION," \
    "\`java ${APP_JAVA_OPTS:+$APP_JAVA_OPTS }-jar\`$([ -z "$APP_JAVA_OPTS" ] && echo ' with default flags')," \
    "DATABASE_URL unset (data/users.db, $DB_MIB MiB) · wrk: $THREADS threads, $CONNECTIONS connections" \
    "($SLOW_CONNECTIONS for the offset and q rows, see below); a warm-up of $WARMUP for each of the first four" \
    "scenarios, then each scenario warmed up $WARMUP again right before its $DURATION measure · load average before: $LOAD_BEFORE · the run took ${ELAPSED} s."
  echo
  echo "The fill: one statement in the sqlite3 shell ($SQLITE_VERSION), with \`PRAGMA journal_mode = OFF\` and" \
    "\`PRAGMA synchronous = OFF\` before it, the table's indexes and the user_count trigger in place:" \
    "**$(fmt_n "$FILL") rows in $(fmt_n "$FILL_MS") ms**. Then: $(fmt_n "$COUNTED") rows, user_count $(fmt_n "$TOTAL")."
  echo
  echo '```sql'
  echo "$FILL_SQL"
  echo '```'
  echo
  echo "| Scenario | Connections | Requests/s | p50 | p99 | Non-2xx | Socket errors | Server CPU per request |" \
    "Req/s × GET by id | CPU × GET by id |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for scenario in "${SCENARIOS[@]}"; do
    r=${RESULT[$scenario]}
    read -r requests duration p50 p99 non2xx errors ticks <<<"$r"
    if [ "$requests" = 0 ]; then
      echo "| ${SCENARIO_NAME[$scenario]} | ${CONNECTIONS_OF[$scenario]:-$CONNECTIONS} | 0 (none done in $DURATION) | | |" \
        "$non2xx | $errors | | | |"
      continue
    fi
    flag=""
    [ "$non2xx" = 0 ] || flag=" (!)"
    echo "| ${SCENARIO_NAME[$scenario]} | ${CONNECTIONS_OF[$scenario]:-$CONNECTIONS} | $(rps_of "$r") |" \
      "$(fmt_ms "$p50") | $(fmt_ms "$p99") | $non2xx$flag | $errors | $(fmt_n "$(cpu_us "$r")") µs |" \
      "$(ratio "$(rps_of "$r")" "$(rps_of "$base")") | $(ratio "$(cpu_us "$r")" "$(cpu_us "$base")") |"
  done
  echo
  next_ratio=$(awk -v a="$(rps_of "${RESULT[next]}")" -v b="$(rps_of "$base")" 'BEGIN {printf "%.2f", a / b}')
  echo "Target: next at random depth within 2× of GET by id (requests/s ≥ 0.5× GET by id): ${next_ratio}×," \
    "$(awk -v v="$next_ratio" 'BEGIN {print (v >= 0.5 ? "reached" : "**not reached**")}') (server CPU per" \
    "request: $(ratio "$(cpu_us "${RESULT[next]}")" "$(cpu_us "$base")") GET by id's, which moves less on a shared machine)."
  echo
  echo "Notes: every request is the admin's, with a bearer token. The cursors were collected before the load," \
    "each the \`next\` of an offset page at a random depth ($(fmt_n "$COLLECT_MS") ms for the $((2 * CURSORS)) offset pages);" \
    "wrk's script (bench/million.lua) cycles through them, so each request reads another deep page. The GET by id" \
    "asks for one user half-way down the table, which the read cache answers after its first read. The offset" \
    "rows read the same depths the old way. A q is a substring search that no index can serve: a q that matches" \
    "fewer users than a page holds scans the whole table for its page, whose matches are then the total; one that" \
    "matches every user fills its page at once, but counting its matches for \`total\` scans the table." \
    "Those rows run $SLOW_CONNECTIONS connections (the SQLite pool's" \
    "size): with 64, wrk would measure the queue for the pool. Server CPU per request: the server's user +" \
    "system CPU during the measured run divided by the requests served. The server is idle again before each" \
    "scenario starts."
}

mkdir -p "$(dirname "$RESULTS")"
report | tee -a "$RESULTS"
log "appended to ${RESULTS#"$ROOT"/}; server log in bench/million-server.log, wrk output in bench/million-wrk.log"
