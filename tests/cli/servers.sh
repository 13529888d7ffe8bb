# Sourced by the tests that run real `shequ serve` processes: starts them on free ports, signs
# in, and stops them and drops the test's database whatever happens.
#
# The sourcing script sets, before sourcing: `shequ` (the binary), `work` (its temporary folder,
# removed at exit), `password` (the administrator's), and, on PostgreSQL, `cluster` and
# `database_name` (the database dropped at exit). It may set `failure_label` (printed after
# FAILED) and `quiet_log_lines` (a grep pattern of log lines fail leaves out).

pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
  wait 2>/dev/null
  if [[ -n ${database_name:-} ]]; then
    psql -q "$cluster" -c "DROP DATABASE IF EXISTS $database_name" >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Says what failed and shows the end of every log; exits.
fail() {
  echo "FAILED${failure_label:+ ($failure_label)}: $*"
  for log in "$work"/*.log; do
    echo "--- $log"
    grep -v "${quiet_log_lines:-applied migration}" "$log" | tail -15 | sed 's/^/    /'
  done
  exit 1
}

# start_server NAME [SERVE OPTION...]: a server on a free port, logging to $work/NAME.log; sets
# `port` and `server_pid`.
start_server() {
  local name=$1 log="$work/$1.log"
  shift
  "$shequ" serve --listen 127.0.0.1:0 "$@" >"$log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  port=""
  for _ in $(seq 1 600); do
    port=$(grep -o 'on port [0-9]*' "$log" | grep -o '[0-9]*$')
    [[ -n $port ]] && return 0
    kill -0 "$server_pid" 2>/dev/null || fail "server $name exited"
    sleep 0.1
  done
  fail "server $name did not start"
}

# sign_in [USERNAME PASSWORD JAR]: signs in on `port` (by default as the administrator, into the
# cookie jar $work/cookies); sets `csrf`.
sign_in() {
  local username=${1:-admin} secret=${2:-$password} jar=${3:-$work/cookies}
  csrf=$(curl -sf -c "$jar" -H 'content-type: application/json' \
    -d "{\"username\":\"$username\",\"password\":\"$secret\"}" \
    "http://127.0.0.1:$port/api/v1/auth/login" | jq -r .csrfToken)
  [[ -n $csrf && $csrf != null ]] || fail "sign-in as $username on port $port"
}

# await_job FILTER TRIES [INTERVAL]: polls the sourcing script's `job` (which prints the job's
# JSON) every INTERVAL seconds (0.1 by default), at most TRIES times, until the jq FILTER yields
# it; prints it.
await_job() {
  local filter=$1 tries=$2 interval=${3:-0.1} found
  for _ in $(seq 1 "$tries"); do
    found=$(job | jq -c "$filter")
    [[ -n $found ]] && echo "$found" && return 0
    sleep "$interval"
  done
  return 1
}

# kill_server PID PORT: SIGKILL, no hand-back, no last heartbeat; fails unless the port is dead.
kill_server() {
  kill -9 "$1"
  wait "$1" 2>/dev/null
  [[ $(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$2/healthz") == 000 ]] ||
    fail "the server on port $2 still answers after SIGKILL"
}
