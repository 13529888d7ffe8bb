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

# write_register FILE PEOPLE YEAR [TAG] [PHONE_EVERY]: a household register (the import template,
# CSV) of PEOPLE people in the first grid of 畅家巷社区, one per household, each with a valid ID
# number of 城关区 (GB 11643: ISO 7064 MOD 11-2) born on YEAR-01-01 plus n days so that no two are
# the same; with the group TAG (人群标签, e.g. 独居老人) when given, and a phone for every
# PHONE_EVERY-th person when given.
write_register() {
  awk -v n="$2" -v year="$3" -v tag="${4:-}" -v phone_every="${5:-0}" 'BEGIN {
    print "户编号,网格编码,住址,户类型,经度,纬度,姓名,公民身份号码,与户主关系,联系电话,民族,户籍类型," \
          "迁入日期,人群标签,残疾类别,残疾等级"
    split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", weight, " ")
    checks = "10X98765432"
    split("31 28 31 30 31 30 31 31 30 31 30 31", month_days, " ")
    for (i = 1; i <= n; i++) {
      day = int((i - 1) / 999); sequence = (i - 1) % 999 + 1
      y = year; m = 1; d = 1 + day
      while (1) {
        leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        length_of_month = month_days[m] + (m == 2 && leap ? 1 : 0)
        if (d <= length_of_month) break
        d -= length_of_month; m++
        if (m > 12) { m = 1; y++ }
      }
      first17 = sprintf("620102%04d%02d%02d%03d", y, m, d, sequence)
      sum = 0
      for (k = 1; k <= 17; k++) sum += substr(first17, k, 1) * weight[k]
      phone = phone_every > 0 && i % phone_every == 0 ? sprintf("139%08d", i) : ""
      printf "%d,620102001001001,畅家巷%d号,家庭户,,,居民%d,%s%s,户主,%s,汉族,户籍,2001-01-01,%s,,\r\n",
        i, i, i, first17, substr(checks, sum % 11 + 1, 1), phone, tag
    }
  }' >"$1"
}
