#!/usr/bin/env bash
# Two real `shequ serve` processes on one PostgreSQL database: a siting job runs on the first,
# the first is killed with SIGKILL in the middle of it (no hand-back, no last heartbeat), and the
# second takes the job back once its heartbeat has been silent and finishes it. The test run's
# throwaway cluster (scripts/run-tests) provides SHEQU_TEST_POSTGRES_URL; without it this test
# fails rather than pass untried.
set -uo pipefail
shequ=${1:?usage: job_takeover_test.sh SHEQU_BINARY}
cluster=${SHEQU_TEST_POSTGRES_URL:?SHEQU_TEST_POSTGRES_URL is not set: run through scripts/run-tests}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/shequ-takeover.XXXXXX)
database_name="shequ_takeover_$$"
database="${cluster%/*}/$database_name"
export SHEQU_DATABASE="$database" SHEQU_KEYS="$work/keys/personal-data.keys" SHEQU_LANG=en
export SHEQU_AUDIT_CHECKPOINTS="$work/checkpoints.log" SHEQU_NETWORK="$work/walk.graph"
password='Gansu#Chief2026x'
source "$here/cli/servers.sh"

psql -q "$cluster" -c "CREATE DATABASE $database_name" >/dev/null || fail "cannot create $database_name"
"$shequ" init --admin-password "$password" >"$work/init.log" 2>&1 || fail "init"
"$shequ" access import-osm "$here/data/monaco.osm.pbf" --demo \
  --areas "$here/../data/demo/monaco-areas.geojson" >"$work/import.log" 2>&1 || fail "import-osm"

job() { curl -sf -b "$work/cookies" "http://127.0.0.1:$port/api/v1/jobs/$job_id"; }

start_server first --job-silence 3
first_port=$port
first_pid=$server_pid
sign_in
job_id=$(curl -sf -b "$work/cookies" -H "x-csrf-token: $csrf" -H 'content-type: application/json' \
  -d '{"unit":"620102000000","type":"laundry","k":20}' \
  "http://127.0.0.1:$port/api/v1/access/sitings" | jq -r .id)
[[ $job_id =~ ^[0-9]+$ ]] || fail "the siting was not accepted"

# Killed while the job is under way on the first server.
started=$(await_job 'select(.state == "running" and .progress > 0)' 600) ||
  fail "the job never ran on the first server: $(job)"
running=$(jq -r .server <<<"$started")
kill_server "$first_pid" "$first_port"

start_server second --job-silence 3
sign_in
final=$(await_job 'select(.state != "queued" and .state != "running")' 1800) ||
  fail "the second server did not finish the job: $(job)"

jq -e '.state == "done"' <<<"$final" >/dev/null || fail "the job did not end done: $final"
jq -e '.attempts == 2' <<<"$final" >/dev/null || fail "the job was not run exactly twice: $final"
jq -e --arg first "$running" '.server != $first' <<<"$final" >/dev/null ||
  fail "the job did not move to the second server: $final"
jq -e '.result.sites | length == 20' <<<"$final" >/dev/null || fail "the result lacks its sites: $final"
grep -q "had a silent server; queued again" "$work/second.log" ||
  fail "the second server did not say it took the job back"
"$shequ" audit verify >"$work/verify.log" 2>&1 || fail "the audit chain does not verify after the kill"
echo "job takeover: job $job_id started on $running, killed, finished on $(jq -r .server <<<"$final")"
