#!/usr/bin/env bash
# A real `shequ serve` is killed with SIGKILL while sixteen clients register hotline requests;
# after a restart on the same database, every request the server acknowledged (answered 201
# with its id) is there with what was sent. On SQLite (synchronous=FULL, group commit) and on
# the test run's PostgreSQL. Killing the process checks that no answer goes out before its
# commit; surviving power loss is what fsync is for, which no test can cut.
# scripts/run-tests provides SHEQU_TEST_POSTGRES_URL; without it this test fails rather than
# pass untried.
set -uo pipefail
shequ=${1:?usage: durable_intake_test.sh SHEQU_BINARY}
cluster=${SHEQU_TEST_POSTGRES_URL:?SHEQU_TEST_POSTGRES_URL is not set: run through scripts/run-tests}
work=$(mktemp -d /tmp/shequ-durable.XXXXXX)
database_name="shequ_durable_$$"
clients=16
acknowledged_before_kill=150
community=620102001001 # 畅家巷社区
password='Gansu#Chief2026x'
quiet_log_lines="applied migration\|access id="
export SHEQU_LANG=en
source "$(dirname "$0")/servers.sh"

# One client: registers requests one after another until the server stops answering; after
# each 201 it appends "id description" to its file, so the file holds exactly what was
# acknowledged. Every body names the client and its count, so each is recognisable.
client() {
  local n=$1 i=0 answer id
  while :; do
    i=$((i + 1))
    local description="durability client $n request $i"
    answer=$(curl -s --max-time 10 -b "$work/cookies" -H "x-csrf-token: $csrf" \
      -H 'content-type: application/json' -w '\n%{http_code}' \
      -d "{\"categoryCode\":\"municipal.streetlight\",\"unitCode\":\"$community\",\"channel\":\"hotline\",\"description\":\"$description\",\"address\":\"畅家巷12号\",\"contactPhone\":\"13912345678\",\"attributes\":[{\"key\":\"pole\",\"text\":\"LD-$n-$i\"}]}" \
      "http://127.0.0.1:$port/api/v1/requests") || return 0
    [[ $(tail -n1 <<<"$answer") == 201 ]] || { echo "$answer" >"$work/refused.$n"; return 0; }
    id=$(head -n -1 <<<"$answer" | jq -r .case.id)
    echo "$id $description" >>"$work/acked.$n"
  done
}

acknowledged() { cat "$work"/acked.* 2>/dev/null | wc -l; }

for backend in sqlite postgres; do
  failure_label=$backend
  rm -rf "${work:?}"/*
  if [[ $backend == sqlite ]]; then
    export SHEQU_DATABASE="sqlite:$work/shequ.db"
  else
    psql -q "$cluster" -c "DROP DATABASE IF EXISTS $database_name" >/dev/null 2>&1
    psql -q "$cluster" -c "CREATE DATABASE $database_name" >/dev/null || fail "cannot create $database_name"
    export SHEQU_DATABASE="${cluster%/*}/$database_name"
  fi
  export SHEQU_KEYS="$work/keys/personal-data.keys" SHEQU_AUDIT_CHECKPOINTS="$work/checkpoints.log"
  "$shequ" init --admin-password "$password" >"$work/init.log" 2>&1 || fail "init"

  start_server first
  first_pid=$server_pid
  sign_in
  client_pids=()
  for n in $(seq 1 $clients); do
    client "$n" &
    client_pids+=("$!")
  done
  for _ in $(seq 1 1200); do
    (($(acknowledged) >= acknowledged_before_kill)) && break
    ls "$work"/refused.* >/dev/null 2>&1 && fail "a request was refused: $(cat "$work"/refused.*)"
    sleep 0.05
  done
  (($(acknowledged) >= acknowledged_before_kill)) || fail "only $(acknowledged) requests in 60 s"
  kill -9 "$first_pid"
  wait "${client_pids[@]}" 2>/dev/null
  wait "$first_pid" 2>/dev/null
  ls "$work"/refused.* >/dev/null 2>&1 && fail "a request was refused: $(cat "$work"/refused.*)"
  sort -n "$work"/acked.* >"$work/expected"

  # The same database, a new process: every acknowledged request is there, as it was sent.
  start_server second
  sign_in
  : >"$work/stored"
  page=1
  while :; do
    body=$(curl -sf -b "$work/cookies" \
      "http://127.0.0.1:$port/api/v1/requests?unit=$community&page=$page&pageSize=200") ||
      fail "the list after the restart"
    jq -r '.items[] | "\(.id) \(.description)"' <<<"$body" >>"$work/stored"
    (($(jq '.items | length' <<<"$body") < 200)) && break
    page=$((page + 1))
  done
  sort -n "$work/stored" -o "$work/stored"
  missing=$(comm -23 "$work/expected" "$work/stored" | head -5)
  [[ -z $missing ]] || fail "acknowledged requests missing after the kill: $missing"
  "$shequ" audit verify >"$work/verify.log" 2>&1 || fail "the audit chain does not verify after the kill"
  kill -9 "$server_pid"
  wait "$server_pid" 2>/dev/null
  echo "durable intake ($backend): $(wc -l <"$work/expected") acknowledged before SIGKILL," \
    "$(wc -l <"$work/stored") stored, none missing"
done
