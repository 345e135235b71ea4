-- done() of the wrk scripts of make bench (bench/wrk.lua, bench/million.lua), which load this file: one RESULT line
-- for the shell scripts (bench/lib.sh's wrk_result reads it); latencies in microseconds.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
