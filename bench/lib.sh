# Shared by the shell benchmarks (sourced): a free port, wrk's latencies in milliseconds, and a
# wait until a server answers.

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    ss -ltn "sport = :$port" | grep -q LISTEN || { echo "$port"; return; }
  done
}

# "1.23ms", "812.00us", "1.02s" -> milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "%s", v }'
}

# wait_for URL: until URL answers 2xx (20 s at most).
wait_for() {
  for _ in $(seq 200); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "bench: $1 did not answer" >&2
  return 1
}

# wait_healthy PORT: until the server on PORT answers /healthz.
wait_healthy() { wait_for "http://127.0.0.1:$1/healthz"; }
