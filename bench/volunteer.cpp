// The volunteer module's two checks at scale (ADR 0030, issue 15):
//
// 1. Certificates: checking N payloads as the public verify page does (decode, parse the
//    statement, find its key, check its Ed25519 signature) against N bare signature checks of the
//    same messages, in the same run. Goal: the whole check at most twice the bare signatures.
// 2. The hour record: a chain of ENTRIES entries read in seq order and checked (one HMAC-SM3 per
//    entry, what `shequ volunteer verify` does) against the same read without the check.
//    Goal: 1 M entries under 10 s.
//
//   volunteer-bench DATABASE KEY_FILE [CERTIFICATES] [ENTRIES]
//
// DATABASE is an initialised shequ database (`shequ init`) that no server is using, KEY_FILE its
// key file. The hour record is filled to ENTRIES (default 1,000,000) first, chained under the
// key file's chain key as the service would write it (one volunteer, one activity).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/clock.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"
#include "volunteer/certificate.hpp"
#include "volunteer/declaration.hpp"
#include "volunteer/hour_chain.hpp"
#include "volunteer/hour_repository.hpp"

namespace {

using shequ::Result;
using shequ::Status;
using shequ::storage::Session;
using shequ::storage::Value;
using SteadyClock = std::chrono::steady_clock;
namespace volunteer = shequ::volunteer;

constexpr int kRuns = 3;
constexpr int kRowsPerInsert = 50;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "volunteer-bench: %s\n", what.c_str());
  std::exit(1);
}

template <class T>
T must(Result<T> result, const char* what) {
  if (!result) die(fmt::format("{}: {}", what, result.error().message.en));
  return std::move(*result);
}

void must(const Status& status, const char* what) {
  if (!status) die(fmt::format("{}: {}", what, status.error().message.en));
}

double seconds_since(SteadyClock::time_point started) {
  return std::chrono::duration<double>(SteadyClock::now() - started).count();
}

// The median of kRuns timings of `work`, in seconds.
template <class Work>
double median_seconds(Work&& work) {
  std::vector<double> runs;
  for (int i = 0; i < kRuns; ++i) {
    const auto started = SteadyClock::now();
    work();
    runs.push_back(seconds_since(started));
  }
  std::ranges::sort(runs);
  return runs[runs.size() / 2];
}

void certificates(const shequ::privacy::Keyring& keyring, int count) {
  if (keyring.certificate_keys().empty()) die("the key file has no certificate key");
  const shequ::privacy::CertificateKey& key = keyring.certificate_keys().back();
  const auto keys = volunteer::published_keys(keyring.certificate_keys());
  const auto now = std::chrono::system_clock::now();
  std::vector<std::string> payloads;
  std::vector<std::string> messages;
  std::vector<shequ::privacy::Signature> signatures;
  for (int i = 0; i < count; ++i) {
    volunteer::CertificateStatement s{
        .number = volunteer::new_certificate_number(now),
        .volunteer = "张*三",
        .phone_tail = fmt::format("{:04}", i % 10000),
        .unit = "620102001001",
        .unit_path = "兰州市 › 城关区 › 酒泉路街道 › 畅家巷社区居委会",
        .minutes = 30 + i % 5000,
        .entries = 1 + i % 40,
        .first_day = "2026-01-05",
        .last_day = "2026-11-28",
        .seq_from = i + 1,
        .seq_to = i + 900,
        .chain_mac = "0123456789abcdef",
        .issued_at = shequ::format_timestamp(now),
        .key = key.id};
    payloads.push_back(volunteer::sign_statement(s, key));
    // The bare check signs the same bytes: the purpose and the statement's JSON.
    const std::string payload = payloads.back();
    const auto json = shequ::privacy::from_base64url(payload.substr(0, payload.find('.')));
    const auto signature = shequ::privacy::from_base64url(payload.substr(payload.find('.') + 1));
    messages.push_back("shequ-certificate-statement-v1\n" + *json);
    shequ::privacy::Signature bytes{};
    std::copy(signature->begin(), signature->end(), bytes.begin());
    signatures.push_back(bytes);
  }
  const auto public_key = keys.back().key;
  int bare_ok = 0;
  const double bare = median_seconds([&] {
    bare_ok = 0;
    for (int i = 0; i < count; ++i) {
      bare_ok += shequ::privacy::ed25519_verify(public_key, messages[i], signatures[i]) ? 1 : 0;
    }
  });
  int genuine = 0;
  const double whole = median_seconds([&] {
    genuine = 0;
    for (const std::string& payload : payloads) {
      const auto checked = volunteer::verify_payload(payload, keys);
      genuine += checked && checked->verdict == volunteer::Verdict::genuine ? 1 : 0;
    }
  });
  if (bare_ok != count || genuine != count) die("a certificate did not verify");
  fmt::print(
      "certificates: {} checked in {:.2f} s ({:.1f} µs each); bare signatures {:.2f} s "
      "({:.1f} µs each); ratio {:.2f} (goal <= 2)\n",
      count, whole, whole * 1e6 / count, bare, bare * 1e6 / count, whole / bare);
}

int64_t hour_entries(shequ::storage::Database& db) {
  return must(db.read_value<int64_t>([](Session& s) -> Result<int64_t> {
    SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT COUNT(*) FROM volunteer_hour"));
    return row->integer(0);
  }),
              "counting the entries");
}

// One volunteer and one activity of a community, and `entries` entries chained as the service
// writes them, in multi-row inserts.
void fill(shequ::storage::Database& db, const volunteer::ChainKey& key, int64_t entries) {
  if (hour_entries(db) > 0) return;
  const auto started = SteadyClock::now();
  const std::string now = shequ::format_timestamp(std::chrono::system_clock::now());
  must(db.write([&](Session& s) -> Status {
    SHEQU_ASSIGN_OR_RETURN(
        auto unit, s.query_one("SELECT code FROM org_unit WHERE level = 5 ORDER BY code LIMIT 1"));
    if (!unit) return shequ::Error::internal("no village in the database: run shequ init");
    const std::string code = unit->text(0);
    SHEQU_TRY(
        s.execute("INSERT INTO volunteer (id, unit_code, name_sealed, skills, state, created_at, "
                  "updated_at, version) VALUES (1, $1, 'bench', '', 'approved', $2, $2, 1)",
                  std::vector<Value>{code, now}));
    SHEQU_TRY(s.execute(
        "INSERT INTO volunteer_activity (id, unit_code, title, place, starts_at, ends_at, "
        "capacity, skills, state, created_at, updated_at, version) VALUES (1, $1, 'bench', "
        "'bench', $2, $2, 10, '', 'ended', $2, $2, 1)",
        std::vector<Value>{code, now}));
    std::string previous{volunteer::kGenesisMac};
    for (int64_t next = 1; next <= entries;) {
      std::vector<Value> params;
      std::string rows;
      for (int r = 0; r < kRowsPerInsert && next <= entries; ++r, ++next) {
        volunteer::HourEntry e{.seq = next,
                               .volunteer_id = 1,
                               .activity_id = 1,
                               .unit_code = code,
                               .served_on = "2026-11-28",
                               .minutes = 60 + next % 120,
                               .recorded_by = 0,
                               .recorded_at = now};
        e.mac = volunteer::entry_mac(key, previous, e);
        previous = e.mac;
        rows += (rows.empty() ? "(" : ", (") +
                shequ::storage::bind_all(
                    params, {e.seq, e.volunteer_id, e.activity_id, e.unit_code, e.served_on,
                             e.minutes, e.reason, e.recorded_at, e.mac}) +
                ")";
      }
      SHEQU_TRY(
          s.execute("INSERT INTO volunteer_hour (seq, volunteer_id, activity_id, "
                    "unit_code, served_on, minutes, reason, recorded_at, mac) VALUES " +
                        rows,
                    params));
    }
    SHEQU_TRY(s.execute("UPDATE volunteer_hour_head SET seq = $1, mac = $2",
                        std::vector<Value>{entries, previous}));
    return {};
  }),
       "filling the hour record");
  fmt::print("hour record: {} entries written in {:.1f} s\n", entries, seconds_since(started));
}

void chain(shequ::storage::Database& db, const volunteer::ChainKey& key) {
  int64_t read = 0;
  const double plain = median_seconds([&] {
    read = 0;
    must(db.read([&](Session& s) -> Status {
      return volunteer::repository::for_each_hour(s, [&](const volunteer::HourEntry&) -> Status {
        ++read;
        return {};
      });
    }),
         "reading the record");
  });
  bool intact = false;
  const double checked = median_seconds([&] {
    volunteer::ChainCheck check(key);
    must(db.read([&](Session& s) -> Status {
      return volunteer::repository::for_each_hour(s, [&](const volunteer::HourEntry& e) -> Status {
        check.add(e);
        return {};
      });
    }),
         "checking the record");
    intact = check.flaws().empty() && check.entries() == read;
  });
  if (!intact) die("the chain does not verify");
  fmt::print(
      "hour record: {} entries verified in {:.2f} s (goal < 10 s); read alone {:.2f} s; "
      "ratio {:.2f}\n",
      read, checked, plain, checked / plain);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) die("usage: volunteer-bench DATABASE KEY_FILE [CERTIFICATES] [ENTRIES]");
  const int count = argc > 3 ? std::atoi(argv[3]) : 100'000;
  const int64_t entries = argc > 4 ? std::atoll(argv[4]) : 1'000'000;
  const auto keyring = must(shequ::privacy::Keyring::load(argv[2]), "loading the key file");
  certificates(keyring, count);
  auto db = must(shequ::storage::open_database(argv[1]), "opening the database");
  const volunteer::ChainKey key = keyring.derived_key(volunteer::kChainKeyPurpose);
  fill(*db, key, entries);
  chain(*db, key);
  return 0;
}
