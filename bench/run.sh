#!/usr/bin/env bash
# make bench: the cost of the layers, measured against the bare JDK server in the same run, with the same wrk
# settings for each server: (1) the ceiling, bench/BareServer.java; (2) the jar with DATABASE_URL=memory and
# (3) the jar with the default repository (SQLite), (4) the jar on PostgreSQL, a database made for it, all three
# `java -jar` with default JVM flags; (5) the jar as production starts it, bin/user-api (its JVM flags and AOT
# cache), SQLite; then two instances of (4) on one database, loaded at once. Prints Markdown tables, with the
# targets reached or not, and writes them to bench/results.md. Every server runs with PORT=0 in a fresh temporary
# working directory (its "listening on http://HOST:PORT" line says the port) and is killed on exit; every
# PostgreSQL database the run makes (userapi_bench_*) is dropped on exit.
# Knobs (the defaults are what results.md should show):
#   BENCH_SECONDS=2      a short smoke run: 2 s a scenario and 1 s of warm-up; written to build/bench/results.md
#                        (BENCH_BUILD's bench/results.md)
#   BENCH_WARMUP=5s BENCH_DURATION=10s BENCH_STARTS=5 BENCH_RESULTS=bench/results.md (or an absolute path)
#   BENCH_SERVERS="ceiling memory default postgres production"   BENCH_APP_JAVA_OPTS=...  (flags for servers 2-4)
#   BENCH_JAR=path/to/other/user-api.jar (BENCH_NO_AUTH=1 for a build from before sign-in)
#   BENCH_BUILD=build    the make BUILD directory that holds user-api.jar and bench/BareServer.class
#   BENCH_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres   (default: TEST_DATABASE_URL if
#                        set, else this) a PostgreSQL user who may create databases: a JDBC URL, a
#                        postgresql:// URI or a key=value conninfo. Not reachable: the PostgreSQL rows say n/a.
set -euo pipefail
CALLER_DIR=$PWD
cd "$(dirname "$0")/.."
ROOT=$PWD
. bench/lib.sh

JAVA=${JAVA:?"set JAVA to a java >= 21 (make bench does)"}
BUILD_DIR=$(absolute "${BENCH_BUILD:-build}" "$ROOT")
# BENCH_JAR: another build of the jar, e.g. to compare before and after
JAR=$(absolute "${BENCH_JAR:-$BUILD_DIR/user-api.jar}" "$CALLER_DIR")
BARE_CP=$BUILD_DIR/bench
if [ -n "${BENCH_SECONDS:-}" ]; then # a smoke run: its numbers are not to be compared, so not in bench/results.md
  BENCH_WARMUP=${BENCH_WARMUP:-$(((BENCH_SECONDS + 1) / 2))s}
  BENCH_DURATION=${BENCH_DURATION:-${BENCH_SECONDS}s}
  BENCH_RESULTS=${BENCH_RESULTS:-$BUILD_DIR/bench/results.md}
fi
WARMUP=${BENCH_WARMUP:-5s} # per read-only scenario, so 15 s of warm-up in all before the first measure
DURATION=${BENCH_DURATION:-10s}
STARTS=${BENCH_STARTS:-5}
CONNECTIONS=64
THREADS=2
ITERATIONS=1000 # PASSWORD_HASH_ITERATIONS for every start of the app
RESULTS=$(absolute "${BENCH_RESULTS:-bench/results.md}" "$ROOT")
APP_JAVA_OPTS=${BENCH_APP_JAVA_OPTS:-} # JVM flags for the `java -jar` servers (not the ceiling, not production)
read -ra SERVERS <<<"${BENCH_SERVERS:-ceiling memory default postgres production}"
LOGS=$ROOT/bench # server and wrk output: bench/*.log (ignored by git)

require_load_tools
[ -f "$JAR" ] && [ -f "$BARE_CP/BareServer.class" ] || { echo "build first: make bench" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/userapi-bench.XXXXXX")
PIDS=()
bench_setup

# Whatever happens, no server outlives the bench, and no database it made.
cleanup() {
  local pid name
  for pid in "${PIDS[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
  done
  for name in "${!DATABASES[@]}"; do
    drop_database "$name" || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "bench interrupted" >&2; exit 130' INT TERM

# --- PostgreSQL: BENCH_DATABASE_URL names a server and a user who may create databases; each start of the
# postgres server, its load and the two instances get a database of their own, made for it and dropped after.
# The URL is split into its parts, so that psql (which makes and drops the databases) and the jar (a JDBC URL, the
# password in DATABASE_PASSWORD) reach the same server as the same user.
PG_HOST=127.0.0.1 PG_PORT=5432 PG_DB=postgres PG_USER="" PG_PASSWORD="" PG_PARAMS=()
parse_database_url() {
  local url=$1 pair key value pairs
  local uri='^(jdbc:)?postgres(ql)?://(([^:@/]*)(:([^@/]*))?@)?([^/:?]*)(:([0-9]+))?(/([^?]*))?(\?(.*))?$'
  if [[ $url =~ $uri ]]; then
    PG_USER=${BASH_REMATCH[4]} PG_PASSWORD=${BASH_REMATCH[6]}
    PG_HOST=${BASH_REMATCH[7]:-$PG_HOST} PG_PORT=${BASH_REMATCH[9]:-$PG_PORT} PG_DB=${BASH_REMATCH[11]:-$PG_DB}
    IFS='&' read -ra pairs <<<"${BASH_REMATCH[13]}"
    for pair in "${pairs[@]}"; do
      key=${pair%%=*} value=${pair#*=}
      case $key in
        user) PG_USER=$value ;;
        password) PG_PASSWORD=$value ;;
        '') ;;
        *) PG_PARAMS+=("$pair") ;; # for the jar only: sslmode=..., or a pgjdbc setting psql would not know
      esac
    done
  elif [[ $url == *=* ]]; then # host=... port=... dbname=... user=... password=... (no quoted values)
    for pair in $url; do
      key=${pair%%=*} value=${pair#*=}
      case $key in
        host) PG_HOST=$value ;; port) PG_PORT=$value ;; dbname) PG_DB=$value ;;
        user) PG_USER=$value ;; password) PG_PASSWORD=$value ;;
        *) PG_PARAMS+=("$pair") ;;
      esac
    done
  else
    return 1
  fi
}

# pg SQL: one statement as BENCH_DATABASE_URL's user on its database; -w: never ask for a password.
pg() {
  env ${PG_PASSWORD:+PGPASSWORD="$PG_PASSWORD"} PGCONNECT_TIMEOUT=5 \
    psql -X -w -q -At -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" ${PG_USER:+-U "$PG_USER"} -d "$PG_DB" -c "$1"
}

# The jar's DATABASE_URL for database NAME (the password goes in DATABASE_PASSWORD, not in the URL).
pg_jdbc_url() {
  local query=(${PG_USER:+"user=$PG_USER"} "${PG_PARAMS[@]}")
  local joined
  joined=$(IFS='&'; echo "${query[*]}")
  echo "jdbc:postgresql://$PG_HOST:$PG_PORT/$1${joined:+?$joined}"
}

# new_database: creates an empty database, userapi_bench_<run>_<n>, and sets DATABASE to its name and
# DATABASE_JDBC to the jar's URL for it. Not called in $(...): DATABASES must remember it for the cleanup.
declare -A DATABASES
DATABASE_COUNT=0
RUN_ID=$(printf '%04x%04x' $RANDOM $RANDOM)
new_database() {
  DATABASE_COUNT=$((DATABASE_COUNT + 1))
  DATABASE=userapi_bench_${RUN_ID}_$DATABASE_COUNT
  DATABASES[$DATABASE]=1
  pg "CREATE DATABASE $DATABASE" || { log "could not create the database $DATABASE"; return 1; }
  DATABASE_JDBC=$(pg_jdbc_url "$DATABASE")
}

# drop_database NAME: with its connections, if any are left (PostgreSQL 13+), else once they are gone.
drop_database() {
  local name=$1
  if pg "DROP DATABASE IF EXISTS $name WITH (FORCE)" 2>/dev/null \
     || { pause 1; pg "DROP DATABASE IF EXISTS $name"; }; then
    unset "DATABASES[$name]"
  else
    log "could not drop the database $name: drop it by hand"
    return 1
  fi
}

# start_server KIND LOGFILE [DATABASE_URL]: starts one server on PORT=0 in a new working directory; sets
# SERVER_PID. KIND is ceiling, memory (DATABASE_URL=memory), default (DATABASE_URL unset), postgres (the
# DATABASE_URL given, a jdbc:postgresql:// one) or production (bin/user-api, SQLite). The app servers get
# SHUTDOWN_DRAIN_SECONDS=0: their stop skips the readiness drain, which no figure here includes.
start_server() {
  local kind=$1 logfile=$2 url=${3:-} dir
  dir=$(mktemp -d "$WORK/$kind.XXXXXX")
  SERVER_DIR=$dir
  case $kind in
    ceiling) (cd "$dir" && exec env PORT=0 "$JAVA" -cp "$BARE_CP" BareServer) >>"$logfile" 2>&1 & ;;
    memory) (cd "$dir" && exec env DATABASE_URL=memory PORT=0 PASSWORD_HASH_ITERATIONS=$ITERATIONS \
                 SHUTDOWN_DRAIN_SECONDS=0 "$JAVA" $APP_JAVA_OPTS -jar "$JAR") >>"$logfile" 2>&1 & ;;
    default) (cd "$dir" && exec env -u DATABASE_URL PORT=0 PASSWORD_HASH_ITERATIONS=$ITERATIONS \
                 SHUTDOWN_DRAIN_SECONDS=0 "$JAVA" $APP_JAVA_OPTS -jar "$JAR") >>"$logfile" 2>&1 & ;;
    postgres) (cd "$dir" && exec env "${PG_ENV[@]}" DATABASE_URL="$url" PORT=0 PASSWORD_HASH_ITERATIONS=$ITERATIONS \
                 SHUTDOWN_DRAIN_SECONDS=0 "$JAVA" $APP_JAVA_OPTS -jar "$JAR") >>"$logfile" 2>&1 & ;;
    production) (cd "$dir" && exec env -u DATABASE_URL -u JAVA_OPTS PORT=0 PASSWORD_HASH_ITERATIONS=$ITERATIONS \
                 SHUTDOWN_DRAIN_SECONDS=0 JAVA="$JAVA" USERAPI_JAR="$JAR" "$ROOT/bin/user-api") >>"$logfile" 2>&1 & ;;
    *) log "unknown server $kind (BENCH_SERVERS: ceiling memory default postgres production)"; return 1 ;;
  esac
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
}




# Start -> first 201 of a create (the ceiling: first 200) of one fresh process, into STARTED_MS, and the part
# until the "listening on" line into LISTENING_MS. No polling client: the time the server logged that it listens
# (its log line's timestamp) plus the time of one request sent once that line is seen. Each start has a fresh
# process and working directory (and on PostgreSQL a new, empty database, made before the clock starts).
# Not called in $(...): a server started in a subshell would escape the cleanup trap.
time_start() {
  local kind=$1 t0 pid answer code took logfile="$LOGS/start-$kind.log" url=""
  : >"$logfile" # this start's lines only
  if [ "$kind" = postgres ]; then
    new_database
    url=$DATABASE_JDBC
  fi
  t0=${EPOCHREALTIME/./}
  start_server "$kind" "$logfile" "$url"
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
  [ -z "$url" ] || drop_database "$DATABASE"
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {printf "%.0f", (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }


# run_wrk PORT PATH MODE TAG DURATION: one wrk run; prints "requests duration_us p50_us p99_us non2xx errors".
# GETs and PATCHes carry TOKEN (the signed-in bench user's bearer token) when it is set; THREADS and CONNECTIONS
# may be set for one call (THREADS=1 CONNECTIONS=32 run_wrk ...).
run_wrk() {
  local port=$1 path=$2 mode=$3 tag=$4 duration=$5 out
  out=$(timeout $(($(seconds "$duration") + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout 5s \
        -s "$ROOT/bench/wrk.lua" "http://127.0.0.1:$port$path" -- "$mode" "$tag" "${TOKEN:-}" 2>&1) || {
    log "wrk failed: $out"; return 1; }
  # one write, so that two wrk runs at once do not mix their lines
  printf '== %s port %s %s %s %s, %s connections\n%s\n' "$(date -u +%FT%TZ)" "$port" "$mode" "$path" "$duration" \
    "$CONNECTIONS" "$out" >>"$LOGS/wrk.log"
  wrk_result <<<"$out"
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


SCENARIOS=(get-id list post-valid post-invalid patch)
declare -A SCENARIO_NAME=(
  [get-id]='GET /users/{id}' [list]='GET /users?limit=20'
  [post-valid]='POST /users valid (201)' [post-invalid]='POST /users invalid (422)'
  [patch]='PATCH /users/{id} own name (200)')
# Order of the load: the reads first, then what writes. The list is measured before POST valid fills the
# repository with thousands of users; PATCH (one row, again and again) comes last: on SQLite the requests still
# queued for its one writer when wrk stops would slow whatever ran next.
LOAD_ORDER=(get-id list post-invalid post-valid patch)
declare -A WRITES=([patch]=1 [post-valid]=1) # the ceiling has none of these: see the note under the table
declare -A RESULT START_MS START_ALL LISTENING_ALL RSS_MIB PATH_OF COMMAND TWO

if unzip -Z1 "$JAR" 2>/dev/null | grep 'org/sqlite/' >/dev/null; then # not grep -q: SIGPIPE + pipefail
  HAS_SQLITE=1
else
  HAS_SQLITE=0
fi
declare -A SERVER_NAME=(
  [ceiling]='ceiling'
  [memory]='app, memory'
  [default]="app, default$([ $HAS_SQLITE = 1 ] && echo ' (SQLite)' || echo ' (in-memory!)')"
  [postgres]='app, PostgreSQL'
  [production]="app, production$([ $HAS_SQLITE = 1 ] && echo ' (SQLite)' || echo ' (in-memory!)')")

# PostgreSQL, when BENCH_SERVERS has postgres: reachable, and its user may create databases? If not, one line
# says why and the PostgreSQL rows say n/a.
PG_OK=0 PG_VERSION="" PG_ENV=()
if [[ " ${SERVERS[*]} " == *" postgres "* ]]; then
  admin_url=${BENCH_DATABASE_URL:-${TEST_DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}}
  if ! command -v psql >/dev/null; then
    log "no psql (apt-get install postgresql-client) to make the PostgreSQL databases: the PostgreSQL rows say n/a"
  elif ! parse_database_url "$admin_url"; then # not echoed: it may hold a password
    log "BENCH_DATABASE_URL is neither jdbc:postgresql://..., postgresql://... nor key=value pairs:" \
      "the PostgreSQL rows say n/a"
  elif answer=$(pg "SELECT current_setting('server_version') || ' ' || CASE WHEN rolcreatedb OR rolsuper
                    THEN 'may-create' ELSE 'may-not' END FROM pg_roles WHERE rolname = current_user" 2>&1); then
    if [ "${answer##* }" = may-create ]; then
      PG_OK=1 PG_VERSION=${answer% *}
      PG_ENV=(-u DATABASE_PASSWORD -u DATABASE_PASSWORD_FILE ${PG_PASSWORD:+DATABASE_PASSWORD="$PG_PASSWORD"})
    else
      log "PostgreSQL at $PG_HOST:$PG_PORT: ${PG_USER:-this user} may not create databases: the PostgreSQL rows say n/a"
    fi
  else
    log "PostgreSQL at $PG_HOST:$PG_PORT is not reachable ($(head -1 <<<"$answer")): the PostgreSQL rows say n/a"
  fi
fi

# two_instances: two jars (postgres, as above) on one new database, each loaded by a wrk of its own at once with
# half the connections and threads of one run: GET /users/{id} of its own signed-in user, with its own token.
# Lands in TWO[1] and TWO[2] as run_wrk's "requests duration_us p50_us p99_us non2xx errors". The second starts
# once the first listens, on the schema the first has made: what is measured is the load, not a start.
two_instances() {
  local n pids=() ports=() ids=() tokens=() phase tag duration waits=()
  new_database
  for n in 1 2; do
    : >"$LOGS/server-two-$n.log"
    start_server postgres "$LOGS/server-two-$n.log" "$DATABASE_JDBC"
    pids[n]=$SERVER_PID
    wait_listening "${pids[n]}" "$LOGS/server-two-$n.log"
    ports[n]=$PORT
  done
  for n in 1 2; do # bench-1 signs up on the first, bench-2 on the second, each signs in where it signed up
    ids[n]=$(create_user "${ports[n]}" "bench-$n@example.com")
  done
  if [ -z "${BENCH_NO_AUTH:-}" ]; then
    for n in 1 2; do tokens[n]=$(login "${ports[n]}" "bench-$n@example.com"); done
  fi
  for phase in warm-up measure; do
    tag=$([ $phase = warm-up ] && echo w || echo m)
    duration=$([ $phase = warm-up ] && echo "$WARMUP" || echo "$DURATION")
    log "two instances on one PostgreSQL database: GET /users/{id} on both at once, $phase $duration"
    waits=()
    for n in 1 2; do
      TOKEN=${tokens[n]:-} THREADS=$(((THREADS + 1) / 2)) CONNECTIONS=$((CONNECTIONS / 2)) \
        run_wrk "${ports[n]}" "/users/${ids[n]}" get-id "$tag$n" "$duration" >"$WORK/two-$n.out" &
      waits+=($!)
    done
    for n in 1 2; do wait "${waits[n - 1]}"; done
  done
  for n in 1 2; do
    TWO[$n]=$(cat "$WORK/two-$n.out")
    [ -n "${TWO[$n]}" ] || { log "wrk printed no RESULT line: see $LOGS/wrk.log"; return 1; }
    stop_server "${pids[n]}"
  done
  drop_database "$DATABASE"
}

: >"$LOGS/wrk.log"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
BEGIN=$(date +%s)

for kind in "${SERVERS[@]}"; do
  if [ "$kind" = postgres ] && [ "$PG_OK" = 0 ]; then
    continue
  fi
  log "${SERVER_NAME[$kind]:-$kind}: $STARTS timed starts"
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
  url=""
  if [ "$kind" = postgres ]; then
    new_database
    url=$DATABASE_JDBC
  fi
  start_server "$kind" "$logfile" "$url"
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
    # server's database, its file or PostgreSQL's (in memory there is none: that server has no list row).
    if [ -z "${BENCH_NO_AUTH:-}" ]; then # BENCH_NO_AUTH=1: a build from before sign-in (BENCH_JAR), reads are public
      if [ "$kind" = postgres ]; then
        (cd "$SERVER_DIR" && env "${PG_ENV[@]}" DATABASE_URL="$url" \
           "$JAVA" -jar "$JAR" promote bench-0@example.com >/dev/null)
      elif [ "$kind" != memory ]; then
        (cd "$SERVER_DIR" && env -u DATABASE_URL "$JAVA" -jar "$JAR" promote bench-0@example.com >/dev/null)
      fi
      TOKEN=$(login "$port" "bench-0@example.com")
    fi
  fi
  PATH_OF=([get-id]="/users/$id" [list]='/users?limit=20' [post-valid]=/users [post-invalid]=/users
           [patch]="/users/$id")
  # Warm-up: every read-only scenario in turn, so the JIT has compiled the shared paths (routing, JSON, logging)
  # before anything is measured; then each write, warmed up and measured in turn (the ceiling hashes and stores
  # nothing: it has none).
  for phase in warm-up measure; do
    for scenario in "${LOAD_ORDER[@]}"; do
      [ -z "${WRITES[$scenario]:-}" ] || continue
      [ "$kind,$scenario" != memory,list ] || continue
      measure "$kind" "$port" "$pid" "$scenario" "$phase"
    done
  done
  for scenario in "${LOAD_ORDER[@]}"; do
    [ -n "${WRITES[$scenario]:-}" ] && [ "$kind" != ceiling ] || continue
    measure "$kind" "$port" "$pid" "$scenario" warm-up
    measure "$kind" "$port" "$pid" "$scenario" measure
  done
  RSS_MIB[$kind]=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  stop_server "$pid"
  if [ "$kind" = postgres ]; then
    drop_database "$DATABASE"
    two_instances
  fi
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
    "**app, memory** = ${JAR#"$ROOT"/} with DATABASE_URL=memory and \`java ${APP_JAVA_OPTS:+$APP_JAVA_OPTS }-jar\`$([ -z "$APP_JAVA_OPTS" ] && echo ', default JVM flags');" \
    "**app, default** = the same with DATABASE_URL unset (the default repository, a SQLite file);" \
    "**app, PostgreSQL** = the same with DATABASE_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/userapi_bench_..., a new," \
    "empty database for each start and for the load, dropped after$([ -n "$PG_VERSION" ] && echo " (PostgreSQL ${PG_VERSION%% *})");" \
    "**app, production** = the jar as production starts it, \`bin/user-api\` (SQLite), which ran:" \
    "\`${COMMAND[production]:-(not in this run)}\`."
  echo "Every app server had PASSWORD_HASH_ITERATIONS=$ITERATIONS and SHUTDOWN_DRAIN_SECONDS=0 (a stop does not wait" \
    "for the readiness drain, which no figure includes); each server ran in a fresh working directory."
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
  if [[ " ${SERVERS[*]} " == *" postgres "* ]]; then
    two_instances_table
    echo
  fi
  echo "| Server | Start → first 201, median of $STARTS | The $STARTS starts (ms) | Of which start → listening (ms) | Resident memory after the load |"
  echo "|---|---:|---|---|---:|"
  for kind in "${SERVERS[@]}"; do
    if [ -z "${START_MS[$kind]:-}" ]; then
      echo "| ${SERVER_NAME[$kind]} | n/a | | | n/a |"
      continue
    fi
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
  echo "PATCH /users/{id}: the signed-in bench user renames themself, a new name on every request, without If-Match" \
    "(last writer wins); every PATCH changes the same row, so the writes wait for one another (SQLite's one writer," \
    "PostgreSQL's row lock). The ceiling has no PATCH: its ratios read n/a, as for POST valid." \
    "PostgreSQL: the database server runs on the same machine as the servers and wrk and shares their cores;" \
    "its reads are never served from the app's memory (no cache on PostgreSQL, see Storage in the README), so a" \
    "signed-in GET goes to the database for the token, the caller and the user asked for. A PostgreSQL start" \
    "includes creating the schema in its new, empty database, as a SQLite start does in its new file."
  echo
  echo "Targets (ratios to the ceiling of the same run; \"production\" is bin/user-api's flags on the same"
  echo "SQLite store as \"default\", which runs the jar with the JVM's default flags; \"PostgreSQL\" runs it"
  echo "with the JVM's default flags too):"
  echo
  echo "| Target | Server | Measured | |"
  echo "|---|---|---:|---|"
  target default 'GET /users/{id} ≥ 0.8× ceiling' rps get-id ge 0.8
  target production 'GET /users/{id} ≥ 0.8× ceiling' rps get-id ge 0.8
  target postgres 'PostgreSQL GET /users/{id} ≥ 0.35× ceiling' rps get-id ge 0.35
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

# The two instances on one PostgreSQL database: total req/s, and each one's req/s and p99.
two_instances_table() {
  local one two total single ceiling
  echo "| Two instances on one PostgreSQL database | Requests/s, both | Instance 1: req/s, p99 |" \
    "Instance 2: req/s, p99 | Non-2xx | Socket errors | Both × one instance | Both × ceiling |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  one=${TWO[1]:-} two=${TWO[2]:-}
  if [ -z "$one" ] || [ -z "$two" ]; then
    echo "| GET /users/{id}, signed in, both at once | n/a | | | | | | |"
  else
    total=$(($(rps_of "$one") + $(rps_of "$two")))
    single=${RESULT[postgres,get-id]:-} ceiling=${RESULT[ceiling,get-id]:-}
    echo "| GET /users/{id}, signed in, both at once | $total |" \
      "$(rps_of "$one"), $(fmt_ms "$(cut -d' ' -f4 <<<"$one")") |" \
      "$(rps_of "$two"), $(fmt_ms "$(cut -d' ' -f4 <<<"$two")") |" \
      "$(($(cut -d' ' -f5 <<<"$one") + $(cut -d' ' -f5 <<<"$two")))$(non2xx_flag "$one" "$two") |" \
      "$(($(cut -d' ' -f6 <<<"$one") + $(cut -d' ' -f6 <<<"$two"))) |" \
      "$(ratio "$total" "$([ -n "$single" ] && rps_of "$single" || echo 0)") |" \
      "$(ratio "$total" "$([ -n "$ceiling" ] && rps_of "$ceiling" || echo 0)") |"
  fi
  echo
  echo "Two \`java -jar\` processes (default JVM flags) on one new, empty PostgreSQL database, each loaded by a wrk" \
    "of its own at the same time, $((CONNECTIONS / 2)) connections and $(((THREADS + 1) / 2)) thread each (together the" \
    "load of one run above), after a warm-up of $WARMUP, for $DURATION; each GETs its own signed-in user with its" \
    "own token. PostgreSQL, both servers and both wrk share the machine's $(nproc) cores. \"× one instance\" is to" \
    "the app, PostgreSQL row of GET /users/{id} above."
}

non2xx_flag() { local r; for r; do [ "$(cut -d' ' -f5 <<<"$r")" = 0 ] || { echo " (!)"; return; }; done; }

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
