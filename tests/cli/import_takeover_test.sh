#!/usr/bin/env bash
# A household register is imported by a real `shequ serve` on PostgreSQL, which is killed with
# SIGKILL while the import job reads it; a second server takes the job back once the first one's
# heartbeat has been silent, reads the register again (kept sealed until the outcome commits)
# and imports it whole: every person once, none from the first attempt, and the upload dropped.
# The test run's throwaway cluster (scripts/run-tests) provides SHEQU_TEST_POSTGRES_URL; without
# it this test fails rather than pass untried.
set -uo pipefail
shequ=${1:?usage: import_takeover_test.sh SHEQU_BINARY}
cluster=${SHEQU_TEST_POSTGRES_URL:?SHEQU_TEST_POSTGRES_URL is not set: run through scripts/run-tests}
work=$(mktemp -d /tmp/shequ-import-takeover.XXXXXX)
database_name="shequ_import_takeover_$$"
database="${cluster%/*}/$database_name"
export SHEQU_DATABASE="$database" SHEQU_KEYS="$work/keys/personal-data.keys" SHEQU_LANG=en
export SHEQU_AUDIT_CHECKPOINTS="$work/checkpoints.log"
password='Gansu#Chief2026x'
demo_password='Shequ@Demo2025!'
community=620102001001 # 畅家巷社区, whose first grid is 620102001001001
people=40000
quiet_log_lines="applied migration\|access id="
source "$(dirname "$0")/servers.sh"

psql -q "$cluster" -c "CREATE DATABASE $database_name" >/dev/null || fail "cannot create $database_name"
"$shequ" init --demo --no-demo-province --admin-password "$password" >"$work/init.log" 2>&1 ||
  fail "init"

# One person per household, all born apart (write_register in servers.sh).
write_register "$work/register.csv" "$people" 1980

start_server first --job-silence 3
first_port=$port
first_pid=$server_pid
# The job list is the administrators': the province's account reads the job (in $work/cookies);
# the community uploads the register.
sign_in
sign_in changjiaxiang "$demo_password" "$work/community-cookies"
api() { curl -sf -b "$work/community-cookies" -H "x-csrf-token: $csrf" "$@"; }
registered() {
  api "http://127.0.0.1:$port/api/v1/residents/persons?unit=$community&pageSize=1" | jq .total
}
before=$(registered)
[[ $before =~ ^[0-9]+$ ]] || fail "cannot count the community's people"

import_id=$(api -H 'content-type: text/csv' --data-binary "@$work/register.csv" \
  "http://127.0.0.1:$port/api/v1/residents/imports?unit=$community&fileName=register.csv" | jq -r .id)
[[ $import_id =~ ^[0-9]+$ ]] || fail "the register was not accepted"
job() { curl -sf -b "$work/cookies" "http://127.0.0.1:$port/api/v1/jobs/$import_id"; }

# Killed while the job reads the register on the first server.
started=$(await_job 'select(.state == "running" and .progress > 0)' 1200 0.05) ||
  fail "the import was never caught under way on the first server: $(job)"
running=$(jq -r .server <<<"$started")
kill_server "$first_pid" "$first_port"

start_server second --job-silence 3
final=$(await_job 'select(.state != "queued" and .state != "running")' 3600 0.05) ||
  fail "the second server did not finish the import: $(job)"
jq -e '.state == "done" and .attempts == 2' <<<"$final" >/dev/null ||
  fail "the import did not end done on its second attempt: $final"
jq -e --arg first "$running" '.server != $first' <<<"$final" >/dev/null ||
  fail "the import did not move to the second server: $final"

shown=$(api "http://127.0.0.1:$port/api/v1/residents/imports/$import_id")
jq -e --argjson n "$people" '.state == "imported" and .persons == $n and .households == $n' \
  <<<"$shown" >/dev/null || fail "the import does not report $people people: $shown"
after=$(registered)
[[ $((after - before)) == "$people" ]] ||
  fail "the community gained $((after - before)) people, not $people"
duplicates=$(psql -tA "$database" -c "SELECT COUNT(*) FROM (SELECT id_number_index FROM
  resident_person GROUP BY id_number_index HAVING COUNT(*) > 1) d")
[[ $duplicates == 0 ]] || fail "$duplicates ID numbers are registered twice"
kept=$(psql -tA "$database" -c "SELECT COUNT(*) FROM resident_import WHERE file_sealed IS NOT NULL")
[[ $kept == 0 ]] || fail "the upload is still kept after the import"
"$shequ" audit verify >"$work/verify.log" 2>&1 || fail "the audit chain does not verify after the kill"
echo "import takeover: import $import_id of $people people started on $running, killed," \
  "imported whole on $(jq -r .server <<<"$final")"
