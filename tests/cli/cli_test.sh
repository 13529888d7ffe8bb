#!/usr/bin/env bash
# The command line as an operator uses it, against a fresh SQLite database: every subcommand
# that exists is registered, succeeds on good input, and fails with a clear message and exit
# status 1 on bad input.
set -uo pipefail
shequ=${1:?usage: cli_test.sh SHEQU_BINARY}
work=$(mktemp -d /tmp/shequ-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SHEQU_DATABASE="sqlite:$work/shequ.db" SHEQU_KEYS="$work/keys/personal-data.keys" SHEQU_LANG=en
export SHEQU_AUDIT_CHECKPOINTS="$work/audit/checkpoints.log"
passed=0
failed=0

expect() {  # expect NAME STATUS PATTERN -- COMMAND...
  local name=$1 status=$2 pattern=$3
  shift 4
  local out rc
  out=$("$@" 2>&1)
  rc=$?
  if [[ $rc -eq $status ]] && grep -qE "$pattern" <<<"$out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $name (exit $rc, wanted $status; output must match /$pattern/)"
    echo "$out" | head -20 | sed 's/^/    /'
  fi
}

for command in init serve migrate org user apikey audit keys access openapi facility report volunteer; do
  expect "help names $command" 0 "$command" -- "$shequ" --help
done
expect "serve refuses a missing database" 1 "does not exist" -- "$shequ" serve
expect "serve names an origin given for the tile server's URL template" 1 \
  'map-tiles: "https://tiles.example.org" is not the URL template' -- \
  "$shequ" serve --map-tiles 'https://tiles.example.org'
expect "serve reads the tile server from the environment" 1 'map-tiles: "ftp://x/\{z\}/\{x\}/\{y\}"' -- \
  env 'SHEQU_MAP_TILES=ftp://x/{z}/{x}/{y}' "$shequ" serve
expect "serve names a datum it does not know" 1 'map-tile-datum: "bd09" is not a datum' -- \
  "$shequ" serve --map-tile-datum bd09
expect "serve names a bad trusted proxy entry" 1 'trusted-proxies: "10.0.0.0/33" is not an IP address' -- \
  "$shequ" serve --trusted-proxies '127.0.0.1, 10.0.0.0/33'
expect "serve names a range with host bits and what was meant" 1 'did you mean 10.0.0.0/8' -- \
  env SHEQU_TRUSTED_PROXIES=10.1.0.0/8 "$shequ" serve
expect "serve names every bad option at once, the last one too" 1 'trusted-proxies: "y"' -- \
  "$shequ" serve --map-tiles x --trusted-proxies y
expect "serve names an SMS gateway that is no URL" 105 'sms-gateway.*http:// or https://' -- \
  "$shequ" serve --sms-gateway 'sms.example.gov.cn/send'
printf 'sms=s3cret\n' >"$work/outbound.credentials"
chmod 644 "$work/outbound.credentials"
expect "serve refuses a credentials file others may read" 105 'others may read it; chmod 600' -- \
  "$shequ" serve --outbound-credentials "$work/outbound.credentials"
printf 'sms=s3cret\nfax=1\n' >"$work/bad.credentials"
chmod 600 "$work/bad.credentials"
expect "serve names the line of a credentials file it cannot read" 105 'line 2: expected sms=TOKEN' -- \
  "$shequ" serve --outbound-credentials "$work/bad.credentials"
for route in /healthz /api/v1/org/units /api/v1/auth/login /api/v1/audit /api/v1/access/coverage; do
  expect "openapi describes $route before any database exists" 0 "\"$route\": \\{" -- "$shequ" openapi
done
expect "openapi leaves no database behind" 1 "" -- test -e "$work/shequ.db"
expect "init loads the province" 0 "Loaded 19190 units" -- "$shequ" init --admin-password 'Gansu#Chief2026x'
expect "the key file is private" 0 "^600$" -- stat -c %a "$SHEQU_KEYS"
expect "so is its folder" 0 "^700$" -- stat -c %a "$work/keys"
expect "and the database file" 0 "^600$" -- stat -c %a "$work/shequ.db"
expect "and the checkpoint file" 0 "^600$" -- stat -c %a "$SHEQU_AUDIT_CHECKPOINTS"
expect "init refuses to take over a key file it did not make" 1 "exists already.*--reuse-keys" -- \
  "$shequ" init --database "sqlite:$work/second.db" --audit-checkpoints "$work/second.log"
expect "unless told to keep it" 0 "Loaded 19190 units" -- "$shequ" init --reuse-keys \
  --database "sqlite:$work/second.db" --audit-checkpoints "$work/second.log"
chmod 644 "$SHEQU_KEYS"
expect "a key file others can read is refused" 1 "too open.*chmod 600" -- "$shequ" audit verify
chmod 600 "$SHEQU_KEYS"
chmod 755 "$work/keys"
expect "so is a key folder others can read" 1 "chmod 700" -- "$shequ" audit verify
chmod 700 "$work/keys"
expect "init again changes nothing" 0 "already holds" -- "$shequ" init
expect "migrate is up to date" 0 "up to date" -- "$shequ" migrate
expect "user add creates an account" 0 "Account wang created" -- \
  "$shequ" user add --username wang --display-name '王芳' --unit 620102001001 --role community_worker
expect "user add shows a generated password once" 0 "Initial password: " -- \
  "$shequ" user add --username lilei --display-name '李雷' --unit 620102001001 --role resident
expect "user add refuses an unknown role and a bad name" 1 "roles\[0\]\.role.*no such role|username" -- \
  "$shequ" user add --username 'X!' --display-name x --unit 620102001001 --role mayor
expect "user reset-password gives a new password once" 0 "New password of wang: .{12,}" -- \
  "$shequ" user reset-password --username wang
expect "user reset-password can forget a lost second factor" 0 "New password of wang" -- \
  "$shequ" user reset-password --username wang --forget-totp
expect "user reset-password refuses an unknown account" 1 "account" -- \
  "$shequ" user reset-password --username nobody
expect "user add refuses a right-to-left override in the name" 1 "displayName.*U\+202E" -- \
  "$shequ" user add --username zhou --display-name $'\xe5\x91\xa8\xe2\x80\xae\xe6\x95\x8f' \
  --unit 620102001001 --role resident
expect "user add refuses a taken name" 1 "taken" -- \
  "$shequ" user add --username wang --display-name x --unit 620102001001 --role community_worker
expect "apikey create issues an Open311 client's key with what such a client needs" 0 \
  "carrying requests:case:intake requests:case:read requests:catalogue:read; the key" -- \
  "$shequ" apikey create --name '12345 热线平台' --unit 620102001001
expect "the key alone on the last line, for scripts" 0 "^shq_[A-Za-z0-9_-]{40,}$" -- \
  bash -c '"$0" apikey create --name kiosk --unit 620102001001 | tail -1' "$shequ"
expect "apikey create takes the permissions asked for" 0 "carrying requests:case:read;" -- \
  "$shequ" apikey create --name reader --unit 620102001001 --permission requests:case:read
expect "apikey create names every bad field at once" 0 "^3$" -- \
  bash -c '"$0" apikey create --name "" --unit 999 --permission auth:user:manage 2>&1 |
    grep -c -E "^ +(name: must be|unitCode: no such unit|permissions\[0\]: no such)"' "$shequ"
printf 'code,name\n1,2\n' >"$work/bad.csv"
expect "org import reports the header" 1 "line 1: header" -- "$shequ" org import "$work/bad.csv"
expect "audit verify passes and names the head" 0 "intact: [0-9]+ entries, head [0-9]+ [0-9a-f]{16}" -- \
  "$shequ" audit verify
expect "against the latest checkpoint" 0 "Matches the checkpoint signed at" -- "$shequ" audit verify
expect "audit purge keeps the retention period" 0 "Removed 0 audit entries" -- "$shequ" audit purge
expect "audit purge refuses a recent date" 1 "at least 184 days" -- \
  "$shequ" audit purge --before "$(date -u -d '-10 days' +%F)"
expect "keys rotate re-seals" 0 "generation 2" -- "$shequ" keys rotate
expect "keys rotate-certificate adds a signing key" 0 "Certificate key 2 now signs" -- \
  "$shequ" keys rotate-certificate
printf '%%PDF-1.5\n%%%%EOF\n' >"$work/plain.pdf"
expect "verify-certificate names a missing file" 1 "cannot read $work/nowhere.pdf" -- \
  "$shequ" volunteer verify-certificate "$work/nowhere.pdf"
expect "verify-certificate says a PDF without a certificate is none" 1 "not a certificate" -- \
  "$shequ" volunteer verify-certificate "$work/plain.pdf"
echo '{"algorithm":"RSA","keys":[]}' >"$work/keys.json"
expect "verify-certificate refuses a key list that is none" 1 "not a list of certificate keys" -- \
  "$shequ" volunteer verify-certificate "$work/plain.pdf" --published-keys "$work/keys.json"
expect "serve names a public URL with a path" 1 'public-url: .*is not the public origin' -- \
  "$shequ" serve --public-url 'https://shequ.example.gov.cn/app' --listen 127.0.0.1:0
expect "the old generation stays in the key file" 0 "^key 1 " -- grep -E "^key 1 " "$SHEQU_KEYS"
# Each way of tampering on a copy of the database, checked against the same checkpoints.
tampered() {  # tampered NAME SQL: a copy of the database with SQL applied
  sqlite3 "$work/shequ.db" ".backup '$work/$1.db'" && sqlite3 "$work/$1.db" "$2"
}
tampered edited "UPDATE audit_log SET result = 'x' WHERE id = 2"
expect "audit verify catches an edit" 1 "does not verify: entry 2 was changed" -- \
  "$shequ" audit verify --database "sqlite:$work/edited.db"
tampered removed "DELETE FROM audit_log WHERE seq = 3"
expect "audit verify catches a removed entry" 1 "1 entries before entry [0-9]+ were removed" -- \
  "$shequ" audit verify --database "sqlite:$work/removed.db"
tampered truncated "DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 2 FROM audit_log)"
expect "audit verify catches a removed tail" 1 "newest entries were removed" -- \
  "$shequ" audit verify --database "sqlite:$work/truncated.db"
expect "audit verify wants the checkpoints" 1 "no checkpoint file" -- \
  "$shequ" audit verify --audit-checkpoints "$work/nowhere.log"
grep -v -E '^(audit|sign|certificate) ' "$SHEQU_KEYS" >"$work/keys/old.keys"
chmod 600 "$work/keys/old.keys"
expect "an older key file is refused with the way out" 1 "shequ keys upgrade" -- \
  "$shequ" audit verify --keys "$work/keys/old.keys"
expect "keys upgrade adds the audit keys" 0 "Audit keys added" -- \
  "$shequ" keys upgrade --keys "$work/keys/old.keys"
expect "once" 0 "already holds every key" -- "$shequ" keys upgrade --keys "$work/keys/old.keys"
grep -v -E '^certificate ' "$SHEQU_KEYS" >"$work/keys/no-certificate.keys"
chmod 600 "$work/keys/no-certificate.keys"
expect "keys upgrade adds a certificate key to a file from before certificates" 0 \
  "A certificate key added" -- "$shequ" keys upgrade --keys "$work/keys/no-certificate.keys"
expect "a --database flag wins over SHEQU_DATABASE" 0 "up to date" -- \
  env SHEQU_DATABASE="sqlite:$work/elsewhere.db" "$shequ" migrate --database "sqlite:$work/shequ.db"
expect "and the other database was not touched" 1 "" -- test -e "$work/elsewhere.db"
mv "$SHEQU_KEYS" "$work/moved.keys"
expect "serve refuses to run without the key file" 1 "key file" -- "$shequ" serve --listen 127.0.0.1:0

here=$(cd "$(dirname "$0")/.." && pwd)
mv "$work/moved.keys" "$SHEQU_KEYS"
export SHEQU_NETWORK="$work/walk.graph"
expect "access import-osm needs to know whose homes they are" 1 "give --areas or --unit" -- \
  "$shequ" access import-osm "$here/data/monaco.osm.pbf"
expect "access import-osm lays an extract elsewhere only as a demonstration" 1 \
  "areas: the areas lay the extract elsewhere \\(laidOn\\).*add --demo" -- \
  "$shequ" access import-osm "$here/data/monaco.osm.pbf" --areas "$here/../data/demo/monaco-areas.geojson"
expect "access import-osm reads Monaco and its street names" 0 "23229 homes .*549 named streets" -- \
  "$shequ" access import-osm "$here/data/monaco.osm.pbf" --demo \
  --areas "$here/../data/demo/monaco-areas.geojson"
head -c 300000 "$here/data/monaco.osm.pbf" >"$work/cut.osm.pbf"
expect "access import-osm refuses a truncated extract" 1 "not a valid OpenStreetMap PBF" -- \
  "$shequ" access import-osm "$work/cut.osm.pbf" --unit 620102001000 --network "$work/cut.graph"
expect "a refused import leaves no graph" 1 "" -- test -e "$work/cut.graph"
echo "not a graph" >"$work/damaged.graph"
expect "serve refuses a damaged network file" 1 "not a walking-network file" -- \
  "$shequ" serve --network "$work/damaged.graph" --listen 127.0.0.1:0
expect "access import-osm names the facilities too far from a road" 0 "not used: .* node/[0-9]+|and [0-9]+ more" -- \
  "$shequ" access import-osm "$here/data/monaco.osm.pbf" --unit 620102001000 --snap-max 20 \
  --network "$work/strict.graph"
# Laid on 酒泉路街道 in Lanzhou by the areas' laidOn: the clusters lie there.
expect "access gaps lists clusters" 0 "^1\\. 36\\.[0-9]+,103\\.[0-9]+ +[0-9]+ homes within [0-9]+ m" -- \
  "$shequ" access gaps --unit 620102001000 --type pharmacy --top 3
expect "access coverage prints a row per community" 0 "620102001005 +[0-9]+ " -- \
  "$shequ" access coverage --unit 620102001000 --tier 10
expect "a faster walk reaches farther" 0 "15 minutes on foot \\(1200 m\\)" -- \
  "$shequ" access coverage --unit 620102001000 --walk-speed 4.8
expect "an implausible walking speed is refused" 105 "walk-speed" -- \
  "$shequ" access coverage --unit 620102001000 --walk-speed 40
expect "an implausible walking speed from the environment is refused by name" 105 "walk_speed" -- \
  env SHEQU_WALK_SPEED=40 "$shequ" access coverage --unit 620102001000
expect "access coverage exports CSV" 0 "code,name,residences" -- \
  "$shequ" access coverage --unit 620102001000 --format csv
expect "the CSV starts with a byte-order mark for spreadsheets" 0 "^efbbbf$" -- \
  sh -c "\"$shequ\" access coverage --unit 620102001000 --format csv | head -c 3 | od -An -tx1 | tr -d ' \n'; echo"
expect "access coverage exports GeoJSON" 0 "" -- \
  "$shequ" access coverage --unit 620102001001 --format geojson --out "$work/homes.geojson"
expect "the GeoJSON holds homes and facilities" 0 '"kind":"facility"' -- grep -m1 -o '"kind":"facility"' "$work/homes.geojson"
expect "access site proposes sites" 0 "2\\. [0-9.]+,[0-9.]+ +\\+[0-9]+" -- \
  "$shequ" access site --unit 620102001000 --type laundry --k 2
expect "access site refuses an unknown type and a bad k" 1 "unknown service type.*|k:" -- \
  "$shequ" access site --unit 620102001000 --type bakery --k 99
expect "facility template writes the import template" 0 "" -- \
  "$shequ" facility template --out "$work/facilities.xlsx"
expect "facility import refuses the empty template by its reason" 1 "the file holds no facilities" -- \
  "$shequ" facility import "$work/facilities.xlsx"
header=$(printf '%s' '单位代码,设施类型,名称,总建筑面积,居民活动区域面积,办公区域面积,商业和服务区域面积,' \
  '占地面积,周一,周二,周三,周四,周五,周六,周日,服务项目,纬度,经度,状态,启用日期,停用日期')
printf '%s\n%s\n' "$header" \
  '620102001001,社区综合服务设施,畅家巷社区服务中心,400,260,80,20,,08:00-18:00,08:00-18:00,08:00-18:00,08:00-18:00,08:00-18:00,,,政务代办,,,运营,2020-05-01,' \
  >"$work/facilities.csv"
expect "facility import registers a filled-in CSV" 0 "registered 1 facilities" -- \
  "$shequ" facility import "$work/facilities.csv"
printf '%s\n%s\n' "$header" \
  '620102001001,社区综合服务设施,畅家巷社区服务中心,400,500,80,20,,08:00-18:00,,,,,,,,,,运营,2020-05-01,' \
  >"$work/bad-facilities.csv"
expect "facility import names the line and column of a bad cell" 1 "line 2.*居民活动区域面积|居民活动区域面积.*line 2" -- \
  "$shequ" facility import "$work/bad-facilities.csv"
expect "report evaluation writes the workbook" 0 "wrote .*evaluation.xlsx" -- \
  "$shequ" report evaluation --unit 620102000000 --year 2025 --out "$work/evaluation.xlsx"
expect "the workbook holds the summary, a sheet per indicator and the surveys" 0 "^Summary 34 Satisfaction$" -- \
  /usr/bin/python3 -c 'import openpyxl, sys; b = openpyxl.load_workbook(sys.argv[1]); print(b.sheetnames[0], len(b.sheetnames), b.sheetnames[-1])' \
  "$work/evaluation.xlsx"
expect "report evaluation writes the PDF" 0 "wrote .*evaluation.pdf" -- \
  "$shequ" report evaluation --unit 620102000000 --year 2025 --out "$work/evaluation.pdf"
expect "the PDF is an A4 document" 0 "A4" -- pdfinfo "$work/evaluation.pdf"
expect "report evaluation names a file it cannot tell the format of" 1 "\\.xlsx or \\.pdf" -- \
  "$shequ" report evaluation --unit 620102000000 --year 2025 --out "$work/evaluation.doc"
expect "report evaluation refuses a year before the plan" 1 "year.*2020" -- \
  "$shequ" report evaluation --unit 620102000000 --year 2019 --out "$work/old.xlsx"
expect "report evaluation refuses an unknown unit" 1 "no unit with code 629999999999" -- \
  "$shequ" report evaluation --unit 629999999999 --year 2025 --out "$work/none.xlsx"
expect "each report written is audited" 0 "^2$" -- \
  sqlite3 "$work/shequ.db" "SELECT COUNT(*) FROM audit_log WHERE action = 'report.evaluation.export'"
echo "cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
