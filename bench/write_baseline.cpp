// The plain-SQLite baseline of bench/write-path and bench/open311-intake: what a bare connection
// achieves committing the rows an audited write of the API writes, with shequ's durability
// settings (WAL, synchronous=FULL) and prepared statements, and nothing else (no HTTP, no
// service, no storage layer).
//
//   write-baseline DATABASE CONNECTIONS SECONDS [grid|request]
//
// DATABASE is a migrated shequ database that no server is using. Each of CONNECTIONS threads
// opens its own connection and, until SECONDS have passed, commits one transaction after another,
// as several writer processes on one file would: BEGIN IMMEDIATE, then for `grid` (the default)
// one org_unit row for a grid and one audit_log row; for `request` a request_case row as an
// Open311 client's request makes it, its first request_event row and one audit_log row; COMMIT.
// Prints "transactions/s N" on stdout; exits 1 on any error.
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

// The statements of OrgRepository::insert (the unit row) and audit::Log::append, with values
// of the sizes they write: 64 hex digits of row MAC, 32 of entry uid.
constexpr const char* kInsertUnit =
    "INSERT INTO org_unit (code, name, level, unit_type, urban_rural_code, valid_from, "
    "created_at, updated_at, version) VALUES ($1, $2, 6, 'grid', NULL, '2025-06-01', $3, $3, 1)";
constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (occurred_at, user_id, username, role, unit_code, object_unit, "
    "action, object_type, object_id, result, source_ip, request_id, detail, entry_uid, row_mac) "
    "VALUES ($1, 1, 'admin', 'province_admin', '620000000000', $2, 'org.grid.create', 'grid', "
    "$2, 'success', '127.0.0.1', $3, '', $4, $5)";

// The statements of requests::repository::insert_case and append_event and the audit row of an
// Open311 request, with values of the sizes an elevator request writes (sealed contacts are
// base64 of about 60 bytes).
constexpr const char* kInsertCase =
    "INSERT INTO request_case (tracking_code, category_code, unit_code, grid_code, status, "
    "channel, external_id, description, address, lat_e7, lon_e7, attributes, "
    "contact_name_sealed, contact_phone_sealed, contact_phone_index, submitted_by, received_at, "
    "accept_due, resolve_due, updated_at, version) VALUES ($1, 'property.elevator', "
    "'620102001001', NULL, 'submitted', 'open311', NULL, '3号楼电梯停在两层之间，有人被困', "
    "'畅家巷12号3号楼', 360611000, 1038343000, '{\"building\":\"3号楼\",\"trapped\":true}', $2, $2, "
    "$3, NULL, $4, $4, $4, $4, 1)";
constexpr const char* kInsertEvent =
    "INSERT INTO request_event (case_id, at, action, user_id, from_status, to_status, unit_code, "
    "target_unit, note) VALUES (last_insert_rowid(), $1, 'submit', NULL, NULL, 'submitted', "
    "'620102001001', NULL, '')";
constexpr const char* kInsertRequestAudit =
    "INSERT INTO audit_log (occurred_at, user_id, username, role, unit_code, object_unit, "
    "action, object_type, object_id, result, source_ip, request_id, detail, entry_uid, row_mac) "
    "VALUES ($1, NULL, 'apikey:1', 'api_key', '620102001001', '620102001001', "
    "'requests.case.submit', 'request', $2, 'success', '127.0.0.1', $2, "
    "'open311 property.elevator', $3, $4)";

[[noreturn]] void fail(sqlite3* db, const char* what) {
  std::fprintf(stderr, "write-baseline: %s: %s\n", what, db ? sqlite3_errmsg(db) : "?");
  std::exit(1);
}

sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    fail(db, sql);
  }
  return stmt;
}

void step(sqlite3* db, sqlite3_stmt* stmt) {
  if (sqlite3_step(stmt) != SQLITE_DONE) fail(db, sqlite3_sql(stmt));
  sqlite3_reset(stmt);
}

void bind(sqlite3_stmt* stmt, int index, const std::string& text) {
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

// Commits transactions on its own connection until `deadline`; returns how many.
long writer(const std::string& path, int thread, Clock::time_point deadline, bool requests) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    fail(db, "open");
  }
  sqlite3_busy_timeout(db, 10'000);  // as shequ's writer connection
  for (const char* pragma :
       {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
    if (sqlite3_exec(db, pragma, nullptr, nullptr, nullptr) != SQLITE_OK) fail(db, pragma);
  }
  sqlite3_stmt* begin = prepare(db, "BEGIN IMMEDIATE");
  sqlite3_stmt* unit = prepare(db, requests ? kInsertCase : kInsertUnit);
  sqlite3_stmt* event = requests ? prepare(db, kInsertEvent) : nullptr;
  sqlite3_stmt* audit = prepare(db, requests ? kInsertRequestAudit : kInsertAudit);
  sqlite3_stmt* commit = prepare(db, "COMMIT");
  const std::string mac(64, 'a');
  const std::string uid(32, 'b');
  const std::string now = "2025-06-01T08:00:00.000Z";
  long done = 0;
  while (Clock::now() < deadline) {
    // Unique across threads, runs and the demo's units (whose codes are all digits).
    const std::string code = fmt::format("b{}-{}-{}", getpid(), thread, done);
    // With many connections SQLite's busy handler may let one wait past its timeout; such a
    // connection tries again rather than failing the run, as a client retrying would.
    int rc;
    while ((rc = sqlite3_step(begin)) == SQLITE_BUSY && Clock::now() < deadline) {
      sqlite3_reset(begin);
    }
    sqlite3_reset(begin);
    if (rc == SQLITE_BUSY) break;
    if (rc != SQLITE_DONE) fail(db, "BEGIN IMMEDIATE");
    if (requests) {
      bind(unit, 1, code);
      bind(unit, 2, std::string(80, 's'));
      bind(unit, 3, std::string(64, 'i'));
      bind(unit, 4, now);
      step(db, unit);
      bind(event, 1, now);
      step(db, event);
      bind(audit, 1, now);
      bind(audit, 2, code);
      bind(audit, 3, uid);
      bind(audit, 4, mac);
    } else {
      bind(unit, 1, code);
      bind(unit, 2, "网格 " + code);
      bind(unit, 3, now);
      step(db, unit);
      bind(audit, 1, now);
      bind(audit, 2, code);
      bind(audit, 3, code);
      bind(audit, 4, uid);
      bind(audit, 5, mac);
    }
    step(db, audit);
    step(db, commit);
    ++done;
  }
  for (sqlite3_stmt* stmt : {begin, unit, event, audit, commit}) sqlite3_finalize(stmt);
  sqlite3_close(db);
  return done;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::fprintf(stderr, "usage: write-baseline DATABASE CONNECTIONS SECONDS [grid|request]\n");
    return 2;
  }
  const std::string workload = argc == 5 ? argv[4] : "grid";
  if (workload != "grid" && workload != "request") {
    std::fprintf(stderr, "write-baseline: the workload is grid or request\n");
    return 2;
  }
  const bool requests = workload == "request";
  const std::string path = argv[1];
  const int connections = std::atoi(argv[2]);
  const double seconds = std::atof(argv[3]);
  if (connections < 1 || seconds <= 0) {
    std::fprintf(stderr, "write-baseline: CONNECTIONS >= 1 and SECONDS > 0\n");
    return 2;
  }
  const auto start = Clock::now();
  const auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::atomic<long> total{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < connections; ++t) {
    threads.emplace_back([&, t] { total += writer(path, t, deadline, requests); });
  }
  for (std::thread& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  fmt::print("transactions/s {:.0f}\n", static_cast<double>(total.load()) / elapsed);
  return 0;
}
