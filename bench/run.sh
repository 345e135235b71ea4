#!/usr/bin/env bash
# make bench: the cost of the layers, measured against the bare JDK server in the same run, with the same wrk
# settings for each server: (1) the ceiling, bench/BareServer.java; (2) the jar with DATABASE_URL=memory and
# (3) the jar with the default repository (SQLite), both `java -jar` with default JVM flags; (4) the jar as
# production starts it, bin/user-api (its JVM flags and AOT cache), SQLite. Prints Markdown tables, with the
# targets reached or not, and writes them to bench/results.md. Every server runs with PORT=0 in a fresh temporary
# working directory (its "listening on http://HOST:PORT" line says the port) and is killed on exit.
# Knobs (the defaults are what results.md should show):
#   BENCH_SECONDS=2      a short smoke run: 2 s a scenario and 1 s of warm-up; written to build/bench/results.md
#   BENCH_WARMUP=5s BENCH_DURATION=10s BENCH_STARTS=5 BENCH_RESULTS=bench/results.md
#   BENCH_SERVERS="ceiling memory default production"   BENCH_APP_JAVA_OPTS=...  (flags for servers 2 and 3)
#   BENCH_JAR=path/to/other/user-api.jar (BENCH_NO_AUTH=1 for a build from before sign-in)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

JAVA=${JAVA:?"set JAVA to a java >= 21 (make bench does)"}
JAR=${BENCH_JAR:-$ROOT/build/user-api.jar} # BENCH_JAR: another build of the jar, e.g. to compare before and after
BARE_CP=$ROOT/build/bench
if [ -n "${BENCH_SECONDS:-}" ]; then # a smoke run: its numbers are not to be compared, so not in bench/results.md
  BENCH_WARMUP=${BENCH_WARMUP:-$(((BENCH_SECONDS + 1) / 2))s}
  BENCH_DURATION=${BENCH_DURATION:-${BENCH_SECONDS}s}
  BENCH_RESULTS=${BENCH_RESULTS:-build/bench/results.md}
fi
WARMUP=${BENCH_WARMUP:-5s} # per read-only scenario, so 15 s of warm-up in all before the first measure
DURATION=${BENCH_DURATION:-10s}
STARTS=${BENCH_STARTS:-5}
CONNECTIONS=64
THREADS=2
ITERATIONS=1000 # PASSWORD_HASH_ITERATIONS for every start of the app
RESULTS=$ROOT/${BENCH_RESULTS:-bench/results.md}
APP_JAVA_OPTS=${BENCH_APP_JAVA_OPTS:-} # JVM flags for the two `java -jar` servers (not the ceiling, not production)
read -ra SERVERS <<<"${BENCH_SERVERS:-ceiling memory default production}"
LOGS=$ROOT/bench # server and wrk output: bench/*.log (ignored by git)

if ! command -v wrk >/dev/null; then
  echo "make bench needs wrk, the HTTP load generator: apt-get install wrk" >&2
  exit 1
fi
command -v curl >/dev/null || { echo "make bench needs curl: apt-get install curl" >&2; exit 1; }
[ -f "$JAR" ] && [ -f "$BARE_CP/BareServer.class" ] || { echo "build first: make bench" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/userapi-bench.XXXXXX")
PIDS=()
# A sleep without starting a process (read times out on a FIFO nobody writes): the polls below cost no fork.
mkfifo "$WORK/never"
exec {NEVER}<>"$WORK/never"
pause() { read -r -t "$1" -u "$NEVER" _ || true; }

# Whatever happens, no server outlives the bench.
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "bench interrupted" >&2; exit 130' INT TERM

log() { echo "bench: $*" >&2; }

# start_server KIND LOGFILE: starts one server on PORT=0 in a new working directory; sets SERVER_PID.
# KIND is ceiling, memory (DATABASE_URL=memory), default (DATABASE_URL unset) or production (bin/user-api, SQLite).
start_server() {
  local kind=$1 logfile=$2 dir
  dir=$(mktemp -d "$WORK/$kind.XXXXXX")
  SERVER_DIR=$dir
  case $kind in
    ceiling) (cd "$dir" && exec env PORT=0 "$JAVA" -cp "$BARE_CP" BareServer) >>"$logfile" 2>&1 & ;;
    memory) (cd "$dir" && exec env DATABASE_URL=memory PORT=0 PASSWORD_HASH_ITERATIONS=$ITERATIONS \
                 "$JAVA" $APP_JAVA_OPTS -jar "$JAR") >>"$logfile" 2>&1 & ;;
    default) (cd "$dir" && exec env -u DATABASE_URL PORT=0 PASSWORD_HASH_ITERATIONS=$ITERATIONS \
                 "$JAVA" $APP_JAVA_OPTS -jar "$JAR") >>"$logfile" 2>&1 & ;;
    production) (cd "$dir" && exec env -u DATABASE_URL -u JAVA_OPTS PORT=0 PASSWORD_HASH_ITERATIONS=$ITERATIONS \
                 JAVA="$JAVA" USERAPI_JAR="$JAR" "$ROOT/bin/user-api") >>"$logfile" 2>&1 & ;;
    *) log "unknown server $kind (BENCH_SERVERS: ceiling memory default production)"; return 1 ;;
  esac
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
}

# wait_listening PID LOGFILE: waits for the server's "TIME ... listening on http://HOST:PORT" line; sets PORT to
# its port and LISTEN_US to its time (microseconds since the epoch). Reads the log with shell builtins only, every
# 20 ms, so the wait takes no CPU from the starting JVM.
wait_listening() {
  local pid=$1 logfile=$2 line deadline=$((SECONDS + 60))
  while :; do
    while IFS= read -r line; do
      if [[ $line =~ ^([0-9TZ:.-]+)\ .*listening\ on\ http://.*:([0-9]+) ]]; then
        PORT=${BASH_REMATCH[2]}
        LISTEN_US=$(($(date -u -d "${BASH_REMATCH[1]}" +%s%6N)))
        return 0
      fi
    done <"$logfile"
    kill -0 "$pid" 2>/dev/null || { log "the server died while starting; its log, $logfile:"; tail -20 "$logfile" >&2; return 1; }
    [ "$SECONDS" -lt "$deadline" ] || { log "no 'listening on' line within 60 s in $logfile"; return 1; }
    pause 0.02
  done
}

# SIGTERM (the app's shutdown hook stops the HttpServer), then SIGKILL if it is still there after 5 s.
stop_server() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# login PORT EMAIL: prints a bearer token for the user (password "correct horse battery"), fails unless 200.
login() {
  local port=$1 email=$2 body
  body=$(curl -s --max-time 30 -X POST "http://127.0.0.1:$port/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery\"}")
  sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p' <<<"$body" | grep . || { log "login failed: $body"; return 1; }
}

# create_user PORT EMAIL: prints the new user's id (from Location), fails unless the answer is 201.
create_user() {
  local port=$1 email=$2 headers
  headers=$(curl -s --max-time 30 -D - -o /dev/null -X POST "http://127.0.0.1:$port/users" \
    -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench User\",\"email\":\"$email\",\"password\":\"correct horse battery\"}" | tr -d '\r')
  if ! grep -q '^HTTP/[0-9.]* 201' <<<"$headers"; then
    log "POST /users did not answer 201: $(head -1 <<<"$headers")"
    return 1
  fi
  sed -n 's|^[Ll]ocation: */users/||p' <<<"$headers"
}

# Start -> first 201 of a create (the ceiling: first 200) of one fresh process, into STARTED_MS, and the part
# until the "listening on" line into LISTENING_MS. No polling client: the time the server logged that it listens
# (its log line's timestamp) plus the time of one request sent once that line is seen. Each start has a fresh
# process and working directory. Not called in $(...): a server started in a subshell would escape the cleanup trap.
time_start() {
  local kind=$1 t0 pid answer code took logfile="$LOGS/start-$kind.log"
  : >"$logfile" # this start's lines only
  t0=${EPOCHREALTIME/./}
  start_server "$kind" "$logfile"
  pid=$SERVER_PID
  wait_listening "$pid" "$logfile" || { stop_server "$pid"; return 1; }
  if [ "$kind" = ceiling ]; then
    answer=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' --max-time 30 "http://127.0.0.1:$PORT/users/first" 2>&1 || true)
  else
    answer=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 30 -X POST "http://127.0.0.1:$PORT/users" \
      -H 'Content-Type: application/json' \
      -d '{"name":"First User","email":"first@example.com","password":"correct horse battery"}' || true)
  fi
  read -r code took <<<"$answer"
  if [ "$code" != "$([ "$kind" = ceiling ] && echo 200 || echo 201)" ]; then
    log "the first request answered ${code:-nothing}: see $logfile"; stop_server "$pid"; return 1
  fi
  LISTENING_MS=$(((LISTEN_US - t0) / 1000))
  STARTED_MS=$(awk -v l="$((LISTEN_US - t0))" -v t="$took" 'BEGIN {printf "%.0f", l / 1000 + t * 1000}')
  stop_server "$pid"
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {printf "%.0f", (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

seconds() { local d=$1; case $d in *ms) echo 1;; *m) echo $((${d%m} * 60));; *s) echo "${d%s}";; *) echo "$d";; esac; }

# run_wrk PORT PATH MODE TAG DURATION: one wrk run; prints "requests duration_us p50_us p99_us non2xx errors".
# GETs carry TOKEN (the signed-in bench user's bearer token) when it is set.
run_wrk() {
  local port=$1 path=$2 mode=$3 tag=$4 duration=$5 out
  out=$(timeout $(($(seconds "$duration") + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 5s \
        -s "$ROOT/bench/wrk.lua" "http://127.0.0.1:$port$path" -- "$mode" "$tag" "${TOKEN:-}" 2>&1) || {
    log "wrk failed: $out"; return 1; }
  echo "== $(date -u +%FT%TZ) port $port $mode $path $duration" >>"$LOGS/wrk.log"
  echo "$out" >>"$LOGS/wrk.log"
  sed -n 's/^RESULT requests=\([0-9]*\) duration_us=\([0-9]*\) p50_us=\([0-9]*\) p99_us=\([0-9]*\) non2xx=\([0-9]*\) socket_errors=\([0-9]*\)$/\1 \2 \3 \4 \5 \6/p' <<<"$out"
}

# measure KIND PORT PID SCENARIO warm-up|measure: one wrk run; a measured one lands in RESULT[KIND,SCENARIO] as
# "requests duration_us p50_us p99_us non2xx errors cpu_ticks" (the server's user+system CPU during the run).
measure() {
  local kind=$1 port=$2 pid=$3 scenario=$4 phase=$5 cpu0 out
  if [ "$phase" = warm-up ]; then
    log "${SERVER_NAME[$kind]}: $scenario, warm-up $WARMUP"
    run_wrk "$port" "${PATH_OF[$scenario]}" "$scenario" w "$WARMUP" >/dev/null
    return
  fi
  log "${SERVER_NAME[$kind]}: $scenario, $DURATION"
  cpu0=$(cpu_ticks "$pid")
  out=$(run_wrk "$port" "${PATH_OF[$scenario]}" "$scenario" m "$DURATION")
  [ -n "$out" ] || { log "wrk printed no RESULT line: see $LOGS/wrk.log"; return 1; }
  RESULT[$kind,$scenario]="$out $(($(cpu_ticks "$pid") - cpu0))"
}

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat; the name in field 2 has no space)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
CLK_TCK=$(getconf CLK_TCK)

SCENARIOS=(get-id list post-valid post-invalid)
declare -A SCENARIO_NAME=(
  [get-id]='GET /users/{id}' [list]='GET /users?limit=20'
  [post-valid]='POST /users valid (201)' [post-invalid]='POST /users invalid (422)')
# Order of the load: the list is measured before POST valid fills the repository with thousands of users.
LOAD_ORDER=(get-id list post-invalid post-valid)
declare -A RESULT START_MS START_ALL LISTENING_ALL RSS_MIB PATH_OF COMMAND

if unzip -Z1 "$JAR" 2>/dev/null | grep 'org/sqlite/' >/dev/null; then # not grep -q: SIGPIPE + pipefail
  HAS_SQLITE=1
else
  HAS_SQLITE=0
fi
declare -A SERVER_NAME=(
  [ceiling]='ceiling'
  [memory]='app, memory'
  [default]="app, default$([ $HAS_SQLITE = 1 ] && echo ' (SQLite)' || echo ' (in-memory!)')"
  [production]="app, production$([ $HAS_SQLITE = 1 ] && echo ' (SQLite)' || echo ' (in-memory!)')")

: >"$LOGS/wrk.log"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
BEGIN=$(date +%s)

for kind in "${SERVERS[@]}"; do
  log "${SERVER_NAME[$kind]}: $STARTS timed starts"
  times=() listening=()
  for i in $(seq 1 "$STARTS"); do
    time_start "$kind"
    times+=("$STARTED_MS")
    listening+=("$LISTENING_MS")
  done
  START_ALL[$kind]="${times[*]}"
  LISTENING_ALL[$kind]="${listening[*]}"
  START_MS[$kind]=$(echo "${times[*]}" | median)

  logfile="$LOGS/server-$kind.log"
  : >"$logfile"
  start_server "$kind" "$logfile"
  pid=$SERVER_PID
  wait_listening "$pid" "$logfile"
  port=$PORT
  COMMAND[$kind]=$(tr '\0' ' ' <"/proc/$pid/cmdline" | sed "s|$ROOT/||g; s| $||")
  TOKEN=""
  if [ "$kind" = ceiling ]; then
    id=3f2b8c4e-8d7a-4c59-9a51-6c1d2e0f4a7b
  else
    id=$(create_user "$port" "bench-0@example.com")
    for i in $(seq 1 49); do create_user "$port" "bench-$i@example.com" >/dev/null; done
    # The reads need a signed-in caller; the list needs an admin, made with the jar's own promote command on the
    # server's database file (in memory there is no file: that server has no list row).
    if [ -z "${BENCH_NO_AUTH:-}" ]; then # BENCH_NO_AUTH=1: a build from before sign-in (BENCH_JAR), reads are public
      if [ "$kind" != memory ]; then
        (cd "$SERVER_DIR" && env -u DATABASE_URL "$JAVA" -jar "$JAR" promote bench-0@example.com >/dev/null)
      fi
      TOKEN=$(login "$port" "bench-0@example.com")
    fi
  fi
  PATH_OF=([get-id]="/users/$id" [list]='/users?limit=20' [post-valid]=/users [post-invalid]=/users)
  # Warm-up: every read-only scenario in turn, so the JIT has compiled the shared paths (routing, JSON, logging)
  # before anything is measured; POST valid last, as it fills the repository.
  for phase in warm-up measure; do
    for scenario in "${LOAD_ORDER[@]}"; do
      [ "$scenario" != post-valid ] || continue
      [ "$kind,$scenario" != memory,list ] || continue
      measure "$kind" "$port" "$pid" "$scenario" "$phase"
    done
  done
  if [ "$kind" != ceiling ]; then # the ceiling hashes and stores nothing: see the note under the table
    measure "$kind" "$port" "$pid" post-valid warm-up
    measure "$kind" "$port" "$pid" post-valid measure
  fi
  RSS_MIB[$kind]=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  stop_server "$pid"
done

# --- the report ---------------------------------------------------------------------------------------------
fmt_ms() { awk -v us="$1" 'BEGIN {printf (us < 10000 ? "%.2f ms" : "%.1f ms"), us / 1000}'; }
rps_of() { awk '{printf "%.0f", $1 / ($2 / 1e6)}' <<<"$1"; }
cpu_us() { awk -v tck="$CLK_TCK" '{printf "%.0f", ($1 > 0 ? $7 / tck * 1e6 / $1 : 0)}' <<<"$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (b > 0 ? "%.2f×" : "n/a"), (b > 0 ? a / b : 0)}'; }

JDK_VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
JDK_VENDOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vendor = //p')
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
WRK_VERSION=$({ wrk -v 2>&1 || true; } | sed -n 's/^wrk \([^ ]*\).*/\1/p' | head -1)
ELAPSED=$(($(date +%s) - BEGIN))

report() {
  echo "# make bench"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC') · $(nproc) cores ($CPU) · JDK $JDK_VERSION ($JDK_VENDOR) · wrk $WRK_VERSION:" \
    "$CONNECTIONS connections, $THREADS threads, on 127.0.0.1; per server a warm-up of $WARMUP per scenario, then" \
    "$DURATION per scenario;" \
    "wrk shares the cores with the server · load average before the run: $LOAD_BEFORE · the run took ${ELAPSED} s."
  echo
  echo "Servers: **ceiling** = bench/BareServer.java, a bare HttpServer on virtual threads answering constant bytes;" \
    "**app, memory** = build/user-api.jar with DATABASE_URL=memory and \`java ${APP_JAVA_OPTS:+$APP_JAVA_OPTS }-jar\`$([ -z "$APP_JAVA_OPTS" ] && echo ', default JVM flags');" \
    "**app, default** = the same with DATABASE_URL unset (the default repository, a SQLite file);" \
    "**app, production** = the jar as production starts it, \`bin/user-api\` (SQLite), which ran:" \
    "\`${COMMAND[production]:-(not in this run)}\`."
  echo "Every app server had PASSWORD_HASH_ITERATIONS=$ITERATIONS; each server ran in a fresh working directory."
  if [ $HAS_SQLITE = 0 ]; then
    echo "**This jar has no SQLite classes (no org/sqlite/ in it): \"app, default\" measured the in-memory" \
      "repository too.**"
  fi
  echo
  echo "| Server | Scenario | Requests/s | p50 | p99 | Non-2xx | Socket errors | Server CPU per request |" \
    "Req/s × ceiling | p99 × ceiling | CPU × ceiling |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  local kind scenario r c requests duration p50 p99 non2xx errors ticks flag
  for kind in "${SERVERS[@]}"; do
    for scenario in "${SCENARIOS[@]}"; do
      r=${RESULT[$kind,$scenario]:-}
      if [ -z "$r" ]; then
        echo "| ${SERVER_NAME[$kind]} | ${SCENARIO_NAME[$scenario]} | n/a | | | | | | | | |"
        continue
      fi
      read -r requests duration p50 p99 non2xx errors ticks <<<"$r"
      flag=""
      if { [ "$scenario" = post-invalid ] && [ "$non2xx" != "$requests" ]; } \
         || { [ "$scenario" != post-invalid ] && [ "$non2xx" != 0 ]; }; then flag=" (!)"; fi
      c=${RESULT[ceiling,$scenario]:-}
      if [ -z "$c" ]; then
        c="0 1 0 0 0 0 0" # no ceiling for this scenario: every ratio reads n/a
      fi
      echo "| ${SERVER_NAME[$kind]} | ${SCENARIO_NAME[$scenario]} | $(rps_of "$r") | $(fmt_ms "$p50") | $(fmt_ms "$p99") |" \
        "$non2xx$flag | $errors | $(cpu_us "$r") µs | $(ratio "$(rps_of "$r")" "$(rps_of "$c")") |" \
        "$(ratio "$p99" "$(cut -d' ' -f4 <<<"$c")") | $(ratio "$(cpu_us "$r")" "$(cpu_us "$c")") |"
    done
  done
  echo
  echo "| Server | Start → first 201, median of $STARTS | The $STARTS starts (ms) | Of which start → listening (ms) | Resident memory after the load |"
  echo "|---|---:|---|---|---:|"
  for kind in "${SERVERS[@]}"; do
    echo "| ${SERVER_NAME[$kind]} | ${START_MS[$kind]} ms$([ "$kind" = ceiling ] && echo ' (first 200)') |" \
      "${START_ALL[$kind]} | ${LISTENING_ALL[$kind]} | ${RSS_MIB[$kind]} MiB |"
  done
  echo
  echo "Notes: the ceiling answers every GET with constant bytes shaped like the app's (one user; a page of 20 for" \
    "/users) and every POST with a constant 422 problem, so it has no \"POST valid\" row: a create's cost is the" \
    "password hash, which the ceiling does not do. Non-2xx in the 422 scenario are the expected answers" \
    "(all of them should be); (!) marks an unexpected count. Server CPU per request is the server process's" \
    "user + system CPU time during the measured run divided by the requests served (JIT and GC included): on a" \
    "shared machine it moves less than requests/s. A start is timed from the moment the process is launched" \
    "(JVM start included) to the time its \"listening on\" log line carries, plus the time of the first create" \
    "sent once that line is seen: no client polls the starting server. Each start has a fresh process and" \
    "working directory."
  echo
  echo "Targets (ratios to the ceiling of the same run; \"production\" is bin/user-api's flags on the same"
  echo "SQLite store as \"default\", which runs the jar with the JVM's default flags):"
  echo
  echo "| Target | Server | Measured | |"
  echo "|---|---|---:|---|"
  target default 'GET /users/{id} ≥ 0.8× ceiling' rps get-id ge 0.8
  target production 'GET /users/{id} ≥ 0.8× ceiling' rps get-id ge 0.8
  target default 'GET /users?limit=20 ≥ 0.5× ceiling' rps list ge 0.5
  target production 'GET /users?limit=20 ≥ 0.5× ceiling' rps list ge 0.5
  target memory 'GET /users/{id} ≥ 0.9× ceiling' rps get-id ge 0.9
  target memory 'POST /users invalid (422) ≥ 0.7× ceiling' rps post-invalid ge 0.7
  target default 'POST /users invalid (422) ≥ 0.7× ceiling' rps post-invalid ge 0.7
  target production 'Start → first 201 ≤ 400 ms (median)' start - le 400
  target production 'Resident memory after the load ≤ 128 MiB' rss - le 128
  target production 'GET /users/{id} req/s within 10% of default flags (≥ 0.9× app, default)' vs-default get-id ge 0.9
  target production 'GET /users?limit=20 req/s within 10% of default flags' vs-default list ge 0.9
}

# verdict VALUE le|ge LIMIT [UNIT]
verdict() {
  awk -v v="$1" -v op="$2" -v limit="$3" -v unit="${4:-}" \
    'BEGIN {ok = (op == "le") ? v <= limit : v >= limit; printf "%s%s | %s", v, unit, (ok ? "reached" : "**not reached**")}'
}

# target KIND LABEL rps|start|rss|vs-default SCENARIO le|ge LIMIT: one row of the targets table, for one server.
target() {
  local kind=$1 label=$2 what=$3 scenario=$4 op=$5 limit=$6 c r d value
  local cell="n/a | "
  c=${RESULT[ceiling,$scenario]:-} r=${RESULT[$kind,$scenario]:-} d=${RESULT[default,$scenario]:-}
  case $what in
    start) [ -z "${START_MS[$kind]:-}" ] || cell=$(verdict "${START_MS[$kind]}" "$op" "$limit" ' ms') ;;
    rss) [ -z "${RSS_MIB[$kind]:-}" ] || cell=$(verdict "${RSS_MIB[$kind]}" "$op" "$limit" ' MiB') ;;
    rps)
      if [ -n "$c" ] && [ -n "$r" ]; then
        value=$(awk -v a="$(rps_of "$r")" -v b="$(rps_of "$c")" 'BEGIN {printf "%.2f", a / b}')
        cell=$(verdict "$value" "$op" "$limit" ×)
      fi ;;
    vs-default)
      if [ -n "$d" ] && [ -n "$r" ]; then
        value=$(awk -v a="$(rps_of "$r")" -v b="$(rps_of "$d")" 'BEGIN {printf "%.2f", a / b}')
        cell=$(verdict "$value" "$op" "$limit" ×)
      fi ;;
  esac
  echo "| $label | ${SERVER_NAME[$kind]:-$kind} | $cell |"
}

mkdir -p "$(dirname "$RESULTS")"
report | tee "$RESULTS"
log "written to ${RESULTS#"$ROOT"/}; server logs in bench/server-*.log, wrk output in bench/wrk.log"
