# The helpers bench/run.sh, bench/million.sh and bench/flags.sh share: sourced, not run. Each script sets ROOT (the
# project's directory) and WORK (its temporary directory) before it calls bench_setup.

absolute() { case $1 in /*) echo "$1" ;; *) echo "$2/$1" ;; esac; }

log() { echo "bench: $*" >&2; }

# wrk and curl, or a line saying how to install them and exit 1.
require_load_tools() {
  command -v wrk >/dev/null || { echo "make bench needs wrk, the HTTP load generator: apt-get install wrk" >&2; exit 1; }
  command -v curl >/dev/null || { echo "make bench needs curl: apt-get install curl" >&2; exit 1; }
}

# A sleep without starting a process (read times out on a FIFO nobody writes): the polls cost no fork.
bench_setup() {
  mkfifo "$WORK/never"
  exec {NEVER}<>"$WORK/never"
}
pause() { read -r -t "$1" -u "$NEVER" _ || true; }

# A wrk duration (10s, 2m, 500ms) in whole seconds, at least 1 for a fraction.
seconds() { local d=$1; case $d in *ms) echo 1;; *m) echo $((${d%m} * 60));; *s) echo "${d%s}";; *) echo "$d";; esac; }

# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat; the name in field 2 has no space)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
CLK_TCK=$(getconf CLK_TCK)

# wait_listening PID LOGFILE [SKIP]: waits (up to 120 s) for the server's "TIME ... listening on http://HOST:PORT"
# line after the first SKIP lines of LOGFILE; sets PORT to its port and LISTEN_US to its time (microseconds since
# the epoch). Reads the log with shell builtins only, every 20 ms, so the wait takes no CPU from the starting JVM.
wait_listening() {
  local pid=$1 logfile=$2 skip=${3:-0} line n deadline=$((SECONDS + 120))
  while :; do
    n=0
    while IFS= read -r line; do
      n=$((n + 1))
      [ "$n" -gt "$skip" ] || continue
      if [[ $line =~ ^([0-9TZ:.-]+)\ .*listening\ on\ http://.*:([0-9]+) ]]; then
        PORT=${BASH_REMATCH[2]}
        LISTEN_US=$(($(date -u -d "${BASH_REMATCH[1]}" +%s%6N)))
        return 0
      fi
    done <"$logfile"
    kill -0 "$pid" 2>/dev/null || { log "the server died while starting; its log, $logfile:"; tail -20 "$logfile" >&2; return 1; }
    [ "$SECONDS" -lt "$deadline" ] || { log "no 'listening on' line within 120 s in $logfile"; return 1; }
    pause 0.02
  done
}

# SIGTERM (the app's shutdown hook stops the HttpServer and closes the database), then SIGKILL if it is still there
# after 10 s.
stop_server() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    pause 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# create_user PORT EMAIL [NAME]: prints the new user's id (from Location), fails unless the answer is 201. The
# password is "correct horse battery".
create_user() {
  local port=$1 email=$2 name=${3:-Bench User} headers
  headers=$(curl -s --max-time 30 -D - -o /dev/null -X POST "http://127.0.0.1:$port/users" \
    -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"email\":\"$email\",\"password\":\"correct horse battery\"}" | tr -d '\r')
  if ! grep -q '^HTTP/[0-9.]* 201' <<<"$headers"; then
    log "POST /users did not answer 201: $(head -1 <<<"$headers")"
    return 1
  fi
  sed -n 's|^[Ll]ocation: */users/||p' <<<"$headers"
}

# login PORT EMAIL: prints a bearer token for the user (password "correct horse battery"), fails unless 200.
login() {
  local port=$1 email=$2 body
  body=$(curl -s --max-time 30 -X POST "http://127.0.0.1:$port/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"correct horse battery\"}")
  sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p' <<<"$body" | grep . || { log "login failed: $body"; return 1; }
}

# The RESULT line of a wrk script's done() (bench/result.lua) in wrk's output on stdin, as
# "requests duration_us p50_us p99_us non2xx errors"; nothing if there is none.
wrk_result() {
  sed -n 's/^RESULT requests=\([0-9]*\) duration_us=\([0-9]*\) p50_us=\([0-9]*\) p99_us=\([0-9]*\) non2xx=\([0-9]*\) socket_errors=\([0-9]*\)$/\1 \2 \3 \4 \5 \6/p'
}
