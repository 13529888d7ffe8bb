// Residents at the size of a province's busiest district, on SQLite:
//
//   residents-bench DATABASE [PEOPLE]
//
// DATABASE is a shequ SQLite database made by `shequ init --demo` that no server is using (the
// key file named by SHEQU_KEYS beside it). The bench gives every village and community of 城关区
// a grid, writes PEOPLE (default 1,000,000) made-up people in households of one to four as
// registers of 100,000 rows (the most one import takes), and measures:
//   1. importing them (residents::ImportService, file to committed rows: parse, check, seal,
//      write) against batched prepared INSERTs of exactly the rows the import wrote, 50 rows a
//      statement and one transaction per register, into a copy of the database taken before the
//      import (the same schema and indexes), by a bare sqlite3 connection with the same pragmas;
//      the ratio baseline/import (goal: at least 0.8);
//   2. an exact search by ID number among them: the repository's lookup through the blind index,
//      and the whole service call, which also writes its audit entry (median of 201);
//   3. the overdue list of the district (every care target not visited this month, sorted, its
//      first page), as a district official asks for it (median of 7);
//   4. one warning delivered to 100,000 of them (the grids holding that many: the delivery job,
//      every recipient's row written, which is also their /h5/ inbox) against batched prepared
//      INSERTs of exactly those rows, 50 a statement and 1,000 a transaction as the job commits
//      them, into a copy of the database taken before the delivery; the ratio baseline/delivery.
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "alerts/alert_repository.hpp"
#include "alerts/alert_service.hpp"
#include "app/app.hpp"
#include "common/clock.hpp"
#include "jobs/job_runner.hpp"
#include "modules/modules.hpp"
#include "privacy/validators.hpp"
#include "residents/declaration.hpp"
#include "residents/import_service.hpp"
#include "residents/resident_repository.hpp"
#include "residents/resident_service.hpp"
#include "residents/visit_service.hpp"

namespace {

using namespace shequ;
using SteadyClock = std::chrono::steady_clock;

constexpr const char* kDistrict = "620102000000";  // 城关区
constexpr std::size_t kRowsPerRegister = 100'000;
constexpr std::size_t kRowsPerStatement = 50;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "residents-bench: %s\n", what.c_str());
  std::exit(1);
}
template <class T>
T must(Result<T> result, const char* what) {
  if (!result) {
    die(fmt::format("{}: {} {}", what, result.error().message.en, result.error().internal_detail));
  }
  return std::move(*result);
}
void must(Status status, const char* what) {
  if (!status) die(fmt::format("{}: {}", what, status.error().message.en));
}

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

std::unique_ptr<app::Services> open(const std::string& url, const Clock& clock) {
  const char* keys = std::getenv("SHEQU_KEYS");
  const char* checkpoints = std::getenv("SHEQU_AUDIT_CHECKPOINTS");
  if (keys == nullptr || checkpoints == nullptr) die("SHEQU_KEYS and SHEQU_AUDIT_CHECKPOINTS");
  return must(app::Services::open(url, clock, {.keys_file = keys, .audit_checkpoints = checkpoints},
                                  modules::all()),
              "opening the services");
}

// Every village and community of the district, each with a grid (made now where it has none).
std::vector<std::string> district_grids(app::Services& services) {
  const Actor op = services.operator_actor();
  std::vector<std::string> grids;
  const auto children = [&](std::string_view code) {
    auto page = services.org().tree().children(code, {1, 10'000});
    return page ? page->items : std::vector<org::UnitView>();
  };
  for (const auto& township : children(kDistrict)) {
    for (const auto& village : children(township.unit.code)) {
      if (village.unit.level == org::Level::grid) continue;
      auto existing = must(services.org().grids(op, village.unit.code), "reading grids");
      if (existing.empty()) {
        must(services.org().create_grid(op, village.unit.code,
                                        {std::string("第一网格"), std::nullopt}),
             "making a grid");
        existing = must(services.org().grids(op, village.unit.code), "reading grids");
      }
      grids.push_back(existing.front().unit.code);
    }
  }
  if (grids.empty()) die("the district has no villages or communities");
  return grids;
}

std::string id_number(int64_t serial) {
  // Birth dates spread over 1930-2009 (before the registers' moving-in date); 1,000 sequences a
  // day keep every number distinct.
  const int64_t day = serial / 1000;
  const int year = 1930 + static_cast<int>(day % 80);
  const int month = 1 + static_cast<int>((day / 80) % 12);
  const int dom = 1 + static_cast<int>((day / 960) % 28);
  const std::string first17 =
      fmt::format("620102{:04}{:02}{:02}{:03}", year, month, dom, serial % 1000);
  return first17 + privacy::resident_id_check_character(first17);
}

// Registers of kRowsPerRegister rows (CSV), households of one to four; six in a hundred people
// care targets (1 % older people in special hardship, 3 % living alone, 2 % left-behind children).
std::vector<std::string> registers(const std::vector<std::string>& grids, int64_t people) {
  const char* header =
      "户编号,网格编码,住址,户类型,经度,纬度,姓名,公民身份号码,与户主关系,联系电话,民族,户籍类型,"
      "迁入日期,人群标签,残疾类别,残疾等级\r\n";
  static const char* const kNames[] = {"王秀英", "李建国", "张桂兰", "刘志强", "陈玉兰",
                                       "杨海军", "赵淑珍", "黄明",   "周丽",   "吴国华"};
  static const char* const kRelations[] = {"户主", "配偶", "子女", "父母"};
  std::vector<std::string> files;
  std::string file;
  std::size_t rows = 0;
  int64_t household = 0;
  for (int64_t p = 0; p < people;) {
    const int size = 1 + static_cast<int>(household % 4);
    const std::string& grid = grids[static_cast<std::size_t>(household) % grids.size()];
    if (rows + static_cast<std::size_t>(size) > kRowsPerRegister) {
      files.push_back(std::move(file));
      file.clear();
      rows = 0;
    }
    if (file.empty()) file = header;
    for (int m = 0; m < size && p < people; ++m, ++p) {
      const int64_t kind = p % 100;
      const char* tag = kind == 0                  ? "特困老人"
                        : kind >= 1 && kind <= 3   ? "独居老人"
                        : kind == 50 || kind == 51 ? "留守儿童"
                                                   : "";
      // The household's cells on its first row only, as communities fill them in.
      const std::string address =
          m == 0 ? fmt::format("畅家巷{}号楼1单元", household) : std::string();
      file += fmt::format("{},{},{},{},,,{},{},{},{},汉族,户籍人口,2010-01-01,{},,\r\n", household,
                          m == 0 ? grid : "", address, m == 0 ? "家庭户" : "", kNames[p % 10],
                          id_number(p), kRelations[m], p % 3 == 0 ? fmt::format("139{:08}", p) : "",
                          tag);
      ++rows;
    }
    ++household;
  }
  if (!file.empty()) files.push_back(std::move(file));
  return files;
}

// ---- the baseline: bare sqlite3, batched prepared inserts ------------------------------------

struct Table {
  std::string name;
  std::vector<std::string> columns;
};

const std::vector<Table>& recipient_table() {
  static const std::vector<Table> table{
      {"alert_recipient",
       {"id", "alert_id", "person_id", "unit_code", "grid_code", "vulnerable", "account_id",
        "channel", "state", "delivered_at", "read_at", "answered_at"}}};
  return table;
}

const std::vector<Table>& tables() {
  static const std::vector<Table> all{
      {"resident_household",
       {"id", "unit_code", "grid_code", "address_sealed", "lat_e7", "lon_e7", "household_type",
        "created_at", "updated_at", "version"}},
      {"resident_person",
       {"id", "unit_code", "grid_code", "household_id", "name_sealed", "id_number_sealed",
        "id_number_index", "phone_sealed", "phone_index", "sex", "birth_date", "ethnicity",
        "registration", "moved_out", "anonymised_at", "created_at", "updated_at", "version"}},
      {"resident_membership",
       {"id", "person_id", "household_id", "relation", "moved_in", "moved_out"}},
      {"resident_tag", {"person_id", "tag", "detail"}},
  };
  return all;
}

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    die(fmt::format("{}: {}", what, sqlite3_errmsg(db)));
  }
}

// The rows the import wrote (those not in the copy), per register: what the baseline inserts.
using Cell = std::variant<std::monostate, int64_t, std::string>;
struct Batch {
  std::vector<std::vector<std::vector<Cell>>> rows;  // per table
};

std::vector<std::vector<Cell>> select_rows(sqlite3* db, const std::string& sql) {
  std::vector<std::vector<Cell>> rows;
  sqlite3_stmt* stmt = nullptr;
  check(db, sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), "select");
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::vector<Cell> row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_NULL:
          row.emplace_back();
          break;
        case SQLITE_INTEGER:
          row.emplace_back(sqlite3_column_int64(stmt, c));
          break;
        default:
          row.emplace_back(
              std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c))));
      }
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  return rows;
}

std::vector<Batch> imported_rows(const std::string& imported, const std::string& base,
                                 const std::vector<int64_t>& people_per_register) {
  sqlite3* db = nullptr;
  check(db, sqlite3_open_v2(imported.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), "open");
  check(db, sqlite3_exec(db, ("ATTACH '" + base + "' AS base").c_str(), nullptr, nullptr, nullptr),
        "attach");
  // All imported rows of each table, in id order; split by register below by person counts.
  std::vector<std::vector<std::vector<Cell>>> all(tables().size());
  for (std::size_t t = 0; t < tables().size(); ++t) {
    const Table& table = tables()[t];
    std::string columns;
    for (const std::string& c : table.columns) columns += (columns.empty() ? "" : ", ") + c;
    const std::string key = table.name == "resident_tag" ? "person_id" : "id";
    const std::string base_max = table.name == "resident_tag" ? "resident_person" : table.name;
    const std::string sql = fmt::format(
        "SELECT {} FROM main.{} WHERE {} > (SELECT COALESCE(MAX(id), 0) FROM base.{}) ORDER BY {}",
        columns, table.name, key, base_max, key);
    all[t] = select_rows(db, sql);
  }
  sqlite3_close(db);
  // Split: a register's people are the next people_per_register[i] persons; their households,
  // stays and tags go with them.
  std::vector<Batch> batches(people_per_register.size());
  std::size_t person_at = 0;
  std::size_t household_at = 0, stay_at = 0, tag_at = 0;
  for (std::size_t r = 0; r < people_per_register.size(); ++r) {
    Batch& b = batches[r];
    b.rows.resize(tables().size());
    const std::size_t end = person_at + static_cast<std::size_t>(people_per_register[r]);
    const int64_t last_person = std::get<int64_t>(all[1][end - 1][0]);
    const int64_t last_household = std::get<int64_t>(all[1][end - 1][3]);
    while (household_at < all[0].size() &&
           std::get<int64_t>(all[0][household_at][0]) <= last_household)
      b.rows[0].push_back(all[0][household_at++]);
    for (; person_at < end; ++person_at) b.rows[1].push_back(all[1][person_at]);
    while (stay_at < all[2].size() && std::get<int64_t>(all[2][stay_at][1]) <= last_person)
      b.rows[2].push_back(all[2][stay_at++]);
    while (tag_at < all[3].size() && std::get<int64_t>(all[3][tag_at][0]) <= last_person)
      b.rows[3].push_back(all[3][tag_at++]);
  }
  return batches;
}

// The delivered warning's recipient rows, 1,000 to a batch (the delivery job's transactions).
std::vector<Batch> recipient_rows(const std::string& path, int64_t alert_id) {
  sqlite3* db = nullptr;
  check(db, sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), "open");
  std::string columns;
  for (const std::string& c : recipient_table()[0].columns) {
    columns += (columns.empty() ? "" : ", ") + c;
  }
  auto rows = select_rows(db, fmt::format("SELECT {} FROM alert_recipient WHERE alert_id = {} "
                                          "ORDER BY id",
                                          columns, alert_id));
  sqlite3_close(db);
  std::vector<Batch> batches;
  for (std::size_t at = 0; at < rows.size(); at += 1000) {
    Batch batch;
    batch.rows.emplace_back(
        rows.begin() + static_cast<std::ptrdiff_t>(at),
        rows.begin() + static_cast<std::ptrdiff_t>(std::min(rows.size(), at + 1000)));
    batches.push_back(std::move(batch));
  }
  return batches;
}

double baseline(const std::string& path, const std::vector<Table>& tables,
                const std::vector<Batch>& batches, std::size_t rows_per_insert) {
  sqlite3* db = nullptr;
  check(db, sqlite3_open(path.c_str(), &db), "open");
  for (const char* pragma :
       {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
    check(db, sqlite3_exec(db, pragma, nullptr, nullptr, nullptr), pragma);
  }
  // One statement of rows_per_insert rows per table, and one for the rest.
  const auto insert_sql = [](const Table& table, std::size_t rows) {
    std::string columns, one;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      columns += (c ? ", " : "") + table.columns[c];
      one += c ? ", ?" : "(?";
    }
    one += ")";
    std::string values;
    for (std::size_t r = 0; r < rows; ++r) values += (r ? ", " : "") + one;
    return fmt::format("INSERT INTO {} ({}) VALUES {}", table.name, columns, values);
  };
  const auto start = SteadyClock::now();
  for (const Batch& batch : batches) {
    check(db, sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), "begin");
    for (std::size_t t = 0; t < tables.size(); ++t) {
      const auto& rows = batch.rows[t];
      sqlite3_stmt* full = nullptr;
      check(db,
            sqlite3_prepare_v2(db, insert_sql(tables[t], rows_per_insert).c_str(), -1, &full,
                               nullptr),
            "prepare");
      for (std::size_t at = 0; at < rows.size();) {
        const std::size_t n = std::min(rows_per_insert, rows.size() - at);
        sqlite3_stmt* stmt = full;
        if (n < rows_per_insert) {
          check(db, sqlite3_prepare_v2(db, insert_sql(tables[t], n).c_str(), -1, &stmt, nullptr),
                "prepare");
        }
        int param = 1;
        for (std::size_t r = at; r < at + n; ++r) {
          for (const Cell& cell : rows[r]) {
            if (const auto* i = std::get_if<int64_t>(&cell)) {
              sqlite3_bind_int64(stmt, param++, *i);
            } else if (const auto* s = std::get_if<std::string>(&cell)) {
              sqlite3_bind_text(stmt, param++, s->data(), static_cast<int>(s->size()),
                                SQLITE_STATIC);
            } else {
              sqlite3_bind_null(stmt, param++);
            }
          }
        }
        check(db, sqlite3_step(stmt), "insert");
        sqlite3_reset(stmt);
        if (stmt != full) sqlite3_finalize(stmt);
        at += n;
      }
      sqlite3_finalize(full);
    }
    check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), "commit");
  }
  const double seconds = seconds_since(start);
  sqlite3_close(db);
  return seconds;
}

void remove_database(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

template <class F>
double median_ms(int runs, F&& run) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = SteadyClock::now();
    run(i);
    times.push_back(seconds_since(start) * 1000);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) die("usage: residents-bench DATABASE [PEOPLE]");
  const std::string path = argv[1];
  const int64_t people = argc > 2 ? std::atoll(argv[2]) : 1'000'000;
  const std::string url = "sqlite:" + path;
  const std::string base = path + ".base";
  SystemClock clock;

  std::vector<std::string> files;
  {
    auto services = open(url, clock);
    const auto grids = district_grids(*services);
    files = registers(grids, people);
    fmt::print("{} people in {} registers over {} grids of 城关区\n", people, files.size(),
               grids.size());
  }
  std::filesystem::copy_file(path, base, std::filesystem::copy_options::overwrite_existing);

  // 1. The import.
  auto services = open(url, clock);
  auto& imports_runner = services->service<jobs::JobRunner>();
  residents::ImportService imports(services->org(), services->database(), services->audit(),
                                   services->clock(), services->keyring(), imports_runner);
  const Actor op = services->operator_actor();
  std::vector<int64_t> people_per_register;
  const auto start = SteadyClock::now();
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto accepted =
        must(imports.submit(op, kDistrict, fmt::format("register-{}.csv", i), files[i]), "submit");
    const auto job = must(imports_runner.find(accepted.id), "the job");
    std::atomic<double> progress{0};
    std::atomic<bool> stop{false};
    const Json outcome = must(imports.run(jobs::JobContext(*job, progress, stop)), "import");
    if (outcome["state"] != "imported") die("refused: " + outcome.dump().substr(0, 400));
    people_per_register.push_back(outcome["persons"].get<int64_t>());
  }
  const double imported = seconds_since(start);
  const auto batches = imported_rows(path, base, people_per_register);
  // Both shapes of batched inserts, each into its own copy; the import is held to the faster.
  const std::string base_multi = base + ".multi";
  std::filesystem::copy_file(base, base_multi, std::filesystem::copy_options::overwrite_existing);
  const double one_row = baseline(base, tables(), batches, 1);
  const double multi_row = baseline(base_multi, tables(), batches, kRowsPerStatement);
  remove_database(base);
  remove_database(base_multi);
  const double reference = std::min(one_row, multi_row);
  fmt::print(
      "import of {} people: {:.1f} s ({:.0f} people/s); batched prepared inserts of the same "
      "rows: {:.1f} s one row a statement, {:.1f} s {} rows a statement; ratio to the faster "
      "{:.2f} (goal >= 0.8)\n",
      people, imported, static_cast<double>(people) / imported, one_row, multi_row,
      kRowsPerStatement, reference / imported);

  // 2. Exact search by ID number.
  auto& residents = services->service<residents::ResidentService>();
  const double lookup = median_ms(201, [&](int i) {
    const std::string index = services->keyring().blind_index(
        id_number((static_cast<int64_t>(i) * 4969) % people), residents::kIdNumberContext);
    must(services->database().read([&](storage::Session& s) -> Status {
      auto found = residents::repository::find_person_by_id_number(s, index);
      if (!found || !*found) return Error::internal("not found");
      return {};
    }),
         "lookup");
  });
  const double search = median_ms(201, [&](int i) {
    const auto found = must(
        residents.find(op, id_number((static_cast<int64_t>(i) * 7919) % people), ""), "search");
    if (found.size() != 1) die("search found " + std::to_string(found.size()));
  });
  fmt::print(
      "exact search by ID number among {} people: lookup {:.2f} ms, service call with its "
      "audit entry {:.2f} ms (goal < 5 ms; median of 201)\n",
      people, lookup, search);

  // 3. The overdue list of the district.
  auto& visits = services->service<residents::VisitService>();
  int64_t total = 0;
  const double overdue = median_ms(7, [&](int) {
    total = must(visits.overdue(op, std::string(kDistrict), {1, 20}), "overdue").total;
  });
  fmt::print(
      "overdue list of 城关区 ({} targets overdue among {} people): {:.0f} ms (goal < 200 "
      "ms; median of 7)\n",
      total, people, overdue);

  // 4. One warning delivered to 100,000 of them: the grids holding that many (people are dealt
  // to the grids in turn), a yellow heat warning of the district, which needs no approval.
  const int64_t wanted = std::min<int64_t>(100'000, people);
  const auto grids = district_grids(*services);
  alerts::AlertInput input{.unit = kDistrict,
                           .category = "heat",
                           .level = "yellow",
                           .title = "高温黄色预警",
                           .content = "未来三天最高气温将达 37℃ 以上。",
                           .guidance = "减少午后外出，独居老人请保持电话畅通。",
                           .valid_from = format_timestamp(clock.now()),
                           .valid_until = format_timestamp(clock.now() + std::chrono::hours(72))};
  const std::size_t grid_count = std::min(
      grids.size(), static_cast<std::size_t>(
                        (wanted * static_cast<int64_t>(grids.size()) + people - 1) / people));
  input.target.grids.assign(grids.begin(), grids.begin() + static_cast<std::ptrdiff_t>(grid_count));
  auto& warnings = services->service<alerts::AlertService>();
  const auto draft = must(warnings.create(op, input), "composing the warning");
  const auto issued =
      must(warnings.issue(op, draft.alert.id, draft.alert.version), "issuing the warning");
  if (!issued.alert.job_id) die("the warning went out without a delivery job");
  const auto delivery = must(imports_runner.find(*issued.alert.job_id), "the job");
  if (!delivery) die("the delivery job is gone");
  services.reset();  // every connection closed: the file holds everything for the copy
  std::filesystem::copy_file(path, base, std::filesystem::copy_options::overwrite_existing);
  services = open(url, clock);
  auto& delivering = services->service<alerts::AlertService>();
  std::atomic<double> progress{0};
  std::atomic<bool> stop{false};
  const auto delivery_start = SteadyClock::now();
  must(delivering.deliver(jobs::JobContext(*delivery, progress, stop)), "delivering");
  const double delivered = seconds_since(delivery_start);
  const auto recipients = recipient_rows(path, issued.alert.id);
  std::size_t rows = 0;
  for (const Batch& b : recipients) rows += b.rows[0].size();
  const double inserts = baseline(base, recipient_table(), recipients, kRowsPerStatement);
  remove_database(base);
  fmt::print(
      "one warning to {} recipients in {} grids: delivery {:.2f} s ({:.0f} recipients/s); "
      "batched prepared inserts of the same rows: {:.2f} s; ratio {:.2f}\n",
      rows, grid_count, delivered, static_cast<double>(rows) / delivered, inserts,
      inserts / delivered);
  return 0;
}
