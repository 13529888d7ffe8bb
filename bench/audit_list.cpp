// The scoped audit list at province scale: the first page of the audit log for a county's and a
// city's administrator (audit::query, the scope as subtree roots through org_unit_ancestor),
// against the same page and total (counted to the same horizon, audit::kCountAhead past the
// page) with the scope given as the explicit list of the subtree's unit codes, in the same run on
// the same rows.
//
//   audit-list-bench DATABASE [ROWS]
//
// DATABASE is an initialised shequ database (`shequ init`) that no server is using. It is filled
// up to ROWS (default 1,000,000) audit entries first: entries spread evenly over time (one a
// minute, backwards from now) and over the province's units (actor and object in the same
// county), as a year of a province's officials' work would, then analysed (planner statistics, as
// autovacuum keeps them). Prints one line per scope: the median of the timed runs of each query,
// and their ratio.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "audit/audit_log.hpp"
#include "common/clock.hpp"
#include "storage/database.hpp"

namespace {

using shequ::Result;
using shequ::Status;
using shequ::storage::Session;
using shequ::storage::Value;
using SteadyClock = std::chrono::steady_clock;

constexpr int kRuns = 15;
constexpr int kRowsPerInsert = 50;  // SQLite finds a numbered parameter by a linear search

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "audit-list-bench: %s\n", what.c_str());
  std::exit(1);
}

template <class T>
T must(Result<T> result, const char* what) {
  if (!result) die(fmt::format("{}: {}", what, result.error().message.en));
  return std::move(*result);
}

std::vector<std::string> unit_codes(shequ::storage::Database& db) {
  return must(
      db.read_value<std::vector<std::string>>([](Session& s) -> Result<std::vector<std::string>> {
        std::vector<std::string> codes;
        SHEQU_ASSIGN_OR_RETURN(auto rows,
                               s.query("SELECT code FROM org_unit WHERE level >= 3 ORDER BY code"));
        for (const auto& row : rows) codes.push_back(row.text(0));
        return codes;
      }),
      "reading the units");
}

int64_t audit_rows(shequ::storage::Database& db) {
  return must(db.read_value<int64_t>([](Session& s) -> Result<int64_t> {
    SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT COUNT(*) FROM audit_log"));
    return row->integer(0);
  }),
              "counting the entries");
}

// Appends entries in plain multi-row inserts (sealed-looking: a seq and a chain MAC of the right
// size), many per transaction; the audit log's own append is what the write-path bench measures.
void fill(shequ::storage::Database& db, const std::vector<std::string>& units, int64_t rows) {
  const int64_t have = audit_rows(db);
  if (have >= rows) return;
  const auto started = SteadyClock::now();
  const auto now = std::chrono::system_clock::now();
  const std::string mac(64, 'a');
  const char* actions[] = {"org.grid.create", "org.grid.update", "auth.login", "auth.user.update",
                           "access.siting.run"};
  for (int64_t next = have; next < rows;) {
    const Status written = db.write([&](Session& s) -> Status {
      for (int batch = 0; batch < 200 && next < rows; ++batch) {
        std::string sql =
            "INSERT INTO audit_log (occurred_at, user_id, username, role, unit_code, object_unit, "
            "action, object_type, object_id, result, source_ip, request_id, detail, entry_uid, "
            "row_mac, seq, chain_mac) VALUES ";
        std::vector<Value> params;
        for (int i = 0; i < kRowsPerInsert && next < rows; ++i, ++next) {
          // Walks the units with a stride coprime to their count, so neighbours in time are far
          // apart in the tree and each county's entries are spread over the whole year.
          const std::string& unit = units[(next * 7919) % units.size()];
          const std::string& object = units[(next * 7919 + 1) % units.size()];
          const std::string same_county = object.substr(0, 6) == unit.substr(0, 6) ? object : unit;
          const auto at = now - std::chrono::minutes(rows - next);
          if (i > 0) sql += ", ";
          const std::size_t p = params.size();
          sql +=
              fmt::format("(${},${},${},${},${},${},${},${},${},${},${},${},${},${},${},${},${})",
                          p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, p + 8, p + 9, p + 10,
                          p + 11, p + 12, p + 13, p + 14, p + 15, p + 16, p + 17);
          params.insert(
              params.end(),
              {shequ::format_timestamp(at), int64_t{2}, std::string("worker"),
               std::string("community_worker"), unit, same_county, std::string(actions[next % 5]),
               std::string("org_unit"), same_county, std::string("success"),
               std::string("10.0.0.1"), fmt::format("{:016x}", next), std::string(),
               fmt::format("{:032x}", next), mac, next + 1'000'000'000, mac});
        }
        SHEQU_TRY(s.execute(sql, params));
      }
      return {};
    });
    if (!written) die("filling: " + written.error().message.en);
  }
  // Planner statistics, as autovacuum keeps them on a live database: without them PostgreSQL
  // guesses and scans the whole table for a county's first page (490 ms instead of 20).
  if (const Status analysed = db.write([](Session& s) { return s.execute_script("ANALYZE"); });
      !analysed) {
    die("analysing: " + analysed.error().message.en);
  }
  std::printf("filled and analysed %lld entries in %.1f s\n", static_cast<long long>(rows - have),
              std::chrono::duration<double>(SteadyClock::now() - started).count());
}

std::vector<std::string> subtree(shequ::storage::Database& db, const std::string& root) {
  return must(
      db.read_value<std::vector<std::string>>([&](Session& s) -> Result<std::vector<std::string>> {
        std::vector<std::string> codes;
        const std::vector<Value> params{root};
        SHEQU_ASSIGN_OR_RETURN(
            auto rows,
            s.query("SELECT code FROM org_unit_ancestor WHERE ancestor_code = $1", params));
        for (const auto& row : rows) codes.push_back(row.text(0));
        return codes;
      }),
      "reading the subtree");
}

// Every entry of the subtree, counted once (not timed).
int64_t matching(shequ::storage::Database& db, const std::string& root) {
  return must(db.read_value<int64_t>([&](Session& s) -> Result<int64_t> {
    const std::vector<Value> params{root};
    SHEQU_ASSIGN_OR_RETURN(auto row,
                           s.query_one("SELECT COUNT(*) FROM audit_log WHERE unit_code IN "
                                       "(SELECT code FROM org_unit_ancestor WHERE "
                                       "ancestor_code = $1) OR object_unit IN (SELECT code "
                                       "FROM org_unit_ancestor WHERE ancestor_code = $1)",
                                       params));
    return row->integer(0);
  }),
              "counting the subtree's entries");
}

// The statement audit::query runs, with the subtree spelled out as a list of codes.
shequ::audit::EntryPage explicit_page(shequ::storage::Database& db,
                                      const std::vector<std::string>& codes, int64_t limit) {
  std::vector<Value> params;
  std::string list;
  for (const std::string& code : codes) {
    params.emplace_back(code);
    list += fmt::format("{}${}", list.empty() ? "" : ", ", params.size());
  }
  const std::string where =
      fmt::format(" FROM audit_log WHERE (unit_code IN ({0}) OR object_unit IN ({0}))", list);
  const std::size_t filters = params.size();
  // Counted to the same horizon as audit::query.
  const int64_t horizon = limit + shequ::audit::kCountAhead;
  std::vector<Value> count_params(params.begin(), params.end());
  count_params.emplace_back(horizon + 1);
  params.emplace_back(limit);
  return must(
      db.read_value<shequ::audit::EntryPage>([&](Session& s) -> Result<shequ::audit::EntryPage> {
        shequ::audit::EntryPage page;
        SHEQU_ASSIGN_OR_RETURN(
            auto count,
            s.query_one(fmt::format("SELECT COUNT(*) FROM (SELECT 1{} LIMIT ${}) counted", where,
                                    filters + 1),
                        count_params));
        page.total = std::min(count->integer(0), horizon);
        page.total_exact = count->integer(0) <= horizon;
        SHEQU_ASSIGN_OR_RETURN(
            auto rows, s.query(fmt::format("SELECT id, occurred_at, unit_code{} ORDER BY id DESC "
                                           "LIMIT ${}",
                                           where, filters + 1),
                               params));
        page.items.resize(rows.size());
        return page;
      }),
      "the explicit list");
}

template <class F>
double median_ms(F&& run) {
  std::vector<double> times;
  for (int i = 0; i < kRuns; ++i) {
    const auto started = SteadyClock::now();
    run();
    times.push_back(
        std::chrono::duration<double, std::milli>(SteadyClock::now() - started).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) die("usage: audit-list-bench DATABASE [ROWS]");
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as it comes, also into a pipe
  const int64_t rows = argc > 2 ? std::atoll(argv[2]) : 1'000'000;
  auto db = must(shequ::storage::open_database(argv[1]), "opening the database");
  fill(*db, unit_codes(*db), rows);

  struct Scope {
    const char* who;
    std::string root;
  };
  const Scope scopes[] = {{"county (城关区)", "620102000000"}, {"city (兰州市)", "620100000000"}};
  std::printf("%s, %lld entries; first page of 20, median of %d runs\n", db->describe().c_str(),
              static_cast<long long>(audit_rows(*db)), kRuns);
  for (const Scope& scope : scopes) {
    const std::vector<std::string> codes = subtree(*db, scope.root);
    shequ::audit::Filter filter;
    filter.scope_roots = {scope.root};
    shequ::audit::EntryPage page;
    shequ::audit::EntryPage explicit_list;
    const double scoped =
        median_ms([&] { page = must(shequ::audit::query(*db, filter), "the scoped list"); });
    const double listed = median_ms([&] { explicit_list = explicit_page(*db, codes, 20); });
    if (page.total != explicit_list.total || page.items.size() != explicit_list.items.size()) {
      die(fmt::format("{}: the scoped list counts {} entries, the explicit list {}", scope.who,
                      page.total, explicit_list.total));
    }
    std::printf(
        "  %-16s %5zu units %8lld entries (total %lld%s)  scoped %6.1f ms  explicit list "
        "%6.1f ms  ratio %.2f\n",
        scope.who, codes.size(), static_cast<long long>(matching(*db, scope.root)),
        static_cast<long long>(page.total), page.total_exact ? "" : "+", scoped, listed,
        scoped / listed);
  }
  return 0;
}
