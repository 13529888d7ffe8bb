#!/usr/bin/env bash
# A warning to 12,000 older people living alone is delivered by a real `shequ serve` on
# PostgreSQL, which is killed with SIGKILL once part of them have been written; a second server
# takes the delivery job back once the first one's heartbeat has been silent and finishes it:
# every recipient is written exactly once, every one nothing reaches has exactly one visit asked
# of their grid worker, the grid worker is told once, and the audit chain verifies. The 6,000 of
# them with a phone (and no account) get an SMS through a real local gateway
# (test-gateway.mjs): a second warning's delivery is killed while its SMS are in flight, and
# after the takeover the gateway has taken every person's message once, under one key each.
# The test run's throwaway cluster (scripts/run-tests) provides SHEQU_TEST_POSTGRES_URL; without
# it this test fails rather than pass untried.
set -uo pipefail
shequ=${1:?usage: alerts_takeover_test.sh SHEQU_BINARY}
cluster=${SHEQU_TEST_POSTGRES_URL:?SHEQU_TEST_POSTGRES_URL is not set: run through scripts/run-tests}
work=$(mktemp -d /tmp/shequ-alerts-takeover.XXXXXX)
database_name="shequ_alerts_takeover_$$"
database="${cluster%/*}/$database_name"
export SHEQU_DATABASE="$database" SHEQU_KEYS="$work/keys/personal-data.keys" SHEQU_LANG=en
export SHEQU_AUDIT_CHECKPOINTS="$work/checkpoints.log"
password='Gansu#Chief2026x'
demo_password='Shequ@Demo2025!'
community=620102001001 # 畅家巷社区, whose first grid (620102001001001) wangge1 serves
people=12000
quiet_log_lines="applied migration\|access id="
source "$(dirname "$0")/servers.sh"

psql -q "$cluster" -c "CREATE DATABASE $database_name" >/dev/null || fail "cannot create $database_name"
"$shequ" init --demo --no-demo-province --admin-password "$password" >"$work/init.log" 2>&1 ||
  fail "init"

# One older person living alone per household, every other one with a phone.
write_register "$work/register.csv" "$people" 1940 独居老人 2

# The SMS gateway, answering each batch after 40 ms so that a kill can catch messages in flight.
GATEWAY_TOKEN=takeover-token node "$(dirname "$0")/test-gateway.mjs" >"$work/gateway.out" 2>&1 &
pids+=("$!")
gateway_port=""
for _ in $(seq 1 100); do
  gateway_port=$(grep -o 'on port [0-9]*' "$work/gateway.out" | grep -o '[0-9]*$')
  [[ -n $gateway_port ]] && break
  sleep 0.1
done
[[ -n $gateway_port ]] || fail "the test gateway did not start: $(cat "$work/gateway.out")"
printf 'sms=takeover-token\n' >"$work/outbound.credentials"
chmod 600 "$work/outbound.credentials"
outbound=(--sms-gateway "http://127.0.0.1:$gateway_port/send?delay=40"
  --outbound-credentials "$work/outbound.credentials")
gateway() { curl -sf "http://127.0.0.1:$gateway_port/stats?prefix=alert-$1-"; }

start_server first --job-silence 3 "${outbound[@]}"
first_port=$port
first_pid=$server_pid
sign_in
sign_in changjiaxiang "$demo_password" "$work/community-cookies"
community_csrf=$csrf
api() { curl -sf -b "$work/community-cookies" -H "x-csrf-token: $community_csrf" "$@"; }
job_id=""
job() { curl -sf -b "$work/cookies" "http://127.0.0.1:$port/api/v1/jobs/$job_id"; }

job_id=$(api -H 'content-type: text/csv' --data-binary "@$work/register.csv" \
  "http://127.0.0.1:$port/api/v1/residents/imports?unit=$community&fileName=register.csv" | jq -r .id)
[[ $job_id =~ ^[0-9]+$ ]] || fail "the register was not accepted"
await_job 'select(.state == "done")' 3000 0.1 >/dev/null || fail "the register was not imported: $(job)"

now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
until=$(date -u -d '+2 days' +%Y-%m-%dT%H:%M:%S.000Z)
warning=$(jq -nc --arg from "$now" --arg until "$until" --arg unit "$community" '{unit: $unit,
  category: "heat", level: "yellow", title: "高温黄色预警", content: "预计未来三天最高气温 37℃ 以上。",
  validFrom: $from, validUntil: $until, target: {units: [$unit], tags: ["living_alone"]}}')
expected=$(api -H 'content-type: application/json' -d "$warning" \
  "http://127.0.0.1:$port/api/v1/alerts/count" | jq .people)
((expected >= people)) || fail "the warning would reach $expected people, not the $people living alone"
alert=$(api -H 'content-type: application/json' -d "$warning" "http://127.0.0.1:$port/api/v1/alerts" | jq .id)
[[ $alert =~ ^[0-9]+$ ]] || fail "the warning was not composed"
job_id=$(api -H 'content-type: application/json' -d '{"version":1}' \
  "http://127.0.0.1:$port/api/v1/alerts/$alert/issue" | jq .jobId)
[[ $job_id =~ ^[0-9]+$ ]] || fail "the warning did not go out"

# Killed once part of the recipients are written, by the first server.
written() { psql -tA "$database" -c "SELECT COUNT(*) FROM alert_recipient WHERE alert_id = $alert"; }
caught=""
for _ in $(seq 1 3000); do
  count=$(written)
  if ((count > 0 && count < expected)); then caught=$count; break; fi
  ((count >= expected)) && break
  sleep 0.02
done
[[ -n $caught ]] || fail "the delivery was never caught under way ($(written) of $expected written)"
running=$(job | jq -r .server)
kill_server "$first_pid" "$first_port"
at_kill=$(written)

start_server second --job-silence 3 "${outbound[@]}"
final=$(await_job 'select(.state != "queued" and .state != "running")' 3600 0.05) ||
  fail "the second server did not finish the delivery: $(job)"
jq -e '.state == "done" and .attempts == 2' <<<"$final" >/dev/null ||
  fail "the delivery did not end done on its second attempt: $final"
jq -e --arg first "$running" '.server != $first' <<<"$final" >/dev/null ||
  fail "the delivery did not move to the second server: $final"

sql() { psql -tA "$database" -c "$1"; }
shown=$(api "http://127.0.0.1:$port/api/v1/alerts/$alert")
jq -e --argjson n "$expected" '.status == "sent" and .recipients == $n' <<<"$shown" >/dev/null ||
  fail "the warning does not say it reached $expected people: $shown"
[[ $(written) == "$expected" ]] || fail "$(written) recipients written, not $expected"
twice=$(sql "SELECT COUNT(*) FROM (SELECT person_id FROM alert_recipient WHERE alert_id = $alert
  GROUP BY person_id HAVING COUNT(*) > 1) d")
[[ $twice == 0 ]] || fail "$twice people were written twice"
unreached=$(sql "SELECT COUNT(*) FROM alert_recipient WHERE alert_id = $alert AND channel = 'none'
  AND vulnerable = 1")
tasks=$(sql "SELECT COUNT(*) FROM alert_task WHERE alert_id = $alert AND reason = 'no_channel'")
[[ $tasks == "$unreached" ]] || fail "$tasks visits asked for $unreached people nothing reaches"
told=$(sql "SELECT COUNT(*) FROM inbox_message m JOIN app_user u ON u.id = m.account_id
  WHERE u.username = 'wangge1' AND m.kind = 'alerts.alert' AND m.message_key = '$alert'")
[[ $told == 1 ]] || fail "the grid worker was told $told times"
delivered=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'alerts.alert.deliver' AND object_id = '$alert'")
[[ $delivered == 1 ]] || fail "the delivery is in the audit log $delivered times"
"$shequ" audit verify >"$work/verify.log" 2>&1 || fail "the audit chain does not verify after the kill"
texted=$(sql "SELECT COUNT(*) FROM alert_recipient WHERE alert_id = $alert AND channel = 'sms'")
((texted == people / 2)) || fail "$texted recipients by SMS, not the $((people / 2)) with a phone"

# The SMS of a warning: every one taken by the gateway once, under its own key, and each
# recipient's row holds the reference the gateway gave it.
check_sms() {  # check_sms ALERT
  local left stats refs
  for _ in $(seq 1 600); do
    left=$(sql "SELECT COUNT(*) FROM alert_recipient WHERE alert_id = $1 AND channel = 'sms' AND
      state <> 'sent'")
    [[ $left == 0 ]] && break
    sleep 0.1
  done
  [[ $left == 0 ]] || fail "$left SMS of warning $1 were never handed over"
  stats=$(gateway "$1")
  jq -e --argjson n "$texted" '.taken == $n' <<<"$stats" >/dev/null ||
    fail "the gateway took $(jq .taken <<<"$stats") messages of warning $1, not $texted"
  refs=$(sql "SELECT COUNT(DISTINCT outbound_ref) FROM alert_recipient WHERE alert_id = $1 AND
    channel = 'sms'")
  [[ $refs == "$texted" ]] || fail "$refs gateway references for $texted SMS of warning $1"
}
check_sms "$alert"
first_stats=$(gateway "$alert")

# A second warning to the same people: killed while its SMS are with the gateway.
second_port=$port
second_pid=$server_pid
cold=$(jq -c '.category = "cold" | .title = "寒潮蓝色预警" | .level = "blue"' <<<"$warning")
alert2=$(api -H 'content-type: application/json' -d "$cold" "http://127.0.0.1:$port/api/v1/alerts" | jq .id)
[[ $alert2 =~ ^[0-9]+$ ]] || fail "the second warning was not composed"
job_id=$(api -H 'content-type: application/json' -d '{"version":1}' \
  "http://127.0.0.1:$port/api/v1/alerts/$alert2/issue" | jq .jobId)
[[ $job_id =~ ^[0-9]+$ ]] || fail "the second warning did not go out"
in_flight=""
for _ in $(seq 1 3000); do
  count=$(gateway "$alert2" | jq .taken)
  if ((count > 0 && count < texted)); then in_flight=$count; break; fi
  ((count >= texted)) && break
  sleep 0.02
done
[[ -n $in_flight ]] || fail "the second warning's SMS were never caught under way ($(gateway "$alert2"))"
kill_server "$second_pid" "$second_port"
start_server third --job-silence 3 "${outbound[@]}"
await_job 'select(.state != "queued" and .state != "running")' 3600 0.05 >/dev/null ||
  fail "the third server did not finish the second delivery: $(job)"
check_sms "$alert2"
second_stats=$(gateway "$alert2")
"$shequ" audit verify >"$work/verify2.log" 2>&1 || fail "the audit chain does not verify after the second kill"

echo "alerts takeover: warning $alert to $expected people, $at_kill written on $running when it" \
  "was killed, delivered whole on $(jq -r .server <<<"$final"), nobody twice; its $texted SMS" \
  "taken once each ($(jq -c . <<<"$first_stats")); warning $alert2 killed with $in_flight SMS" \
  "taken, all $texted taken once each after the takeover ($(jq -c . <<<"$second_stats"))"
