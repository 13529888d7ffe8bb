// The indicator engine's roll-up against one SQL query with GROUP BY on SQLite, in the same run
// on the same facts.
//
//   indicator-bench DATABASE [FACTS]
//
// DATABASE is a shequ database made by `shequ init --demo` (the demo province) that no server is
// using. Three comparisons, each checked to give identical sums for every unit and fact:
//   1. the province's facts for 2025 as the engine counts them (every village, community and
//      township), summed over the tree: Rollup::sum_all against SELECT ... JOIN
//      org_unit_ancestor ... GROUP BY ancestor, fact;
//   2. the same for FACTS (default 1,000,000) synthetic facts spread over the villages and
//      communities;
//   3. one village's facts changed and its ancestors' totals read again (Rollup::change_own),
//      the median of 10,001 changes.
// Also prints what the engine itself takes to count a year from the database, and to answer a
// read when nothing changed (catching up costs four small queries).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "indicator/engine.hpp"
#include "org/org_repository.hpp"
#include "storage/database.hpp"

namespace {

using shequ::Result;
using shequ::Status;
using shequ::indicator::Hierarchy;
using shequ::indicator::HierarchyUnit;
using shequ::indicator::Rollup;
using shequ::storage::Session;
using shequ::storage::Value;
using SteadyClock = std::chrono::steady_clock;

constexpr int kRuns = 7;
constexpr int kRowsPerInsert = 50;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "indicator-bench: %s\n", what.c_str());
  std::exit(1);
}

template <class T>
T must(Result<T> result, const char* what) {
  if (!result) die(fmt::format("{}: {}", what, result.error().message.en));
  return std::move(*result);
}
void must(Status status, const char* what) {
  if (!status) die(fmt::format("{}: {}", what, status.error().message.en));
}

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

template <class F>
double median_seconds(F&& run) {
  std::vector<double> times;
  for (int i = 0; i < kRuns; ++i) {
    const auto start = SteadyClock::now();
    run();
    times.push_back(seconds_since(start));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

struct FactRow {
  uint32_t unit;  // index in the hierarchy
  uint32_t column;
  int64_t value;
};

using Sums = std::map<std::pair<std::string, uint32_t>, int64_t>;  // (unit, column) → total

// Writes the facts to bench_fact and sums them per ancestor in one GROUP BY.
Sums sql_sums(shequ::storage::Database& db, const Hierarchy& tree, const std::vector<FactRow>& facts,
              double& seconds) {
  must(db.write([&](Session& s) -> Status {
    SHEQU_TRY(s.execute("DROP TABLE IF EXISTS bench_fact"));
    SHEQU_TRY(
        s.execute("CREATE TABLE bench_fact (unit_code TEXT NOT NULL, fact INTEGER NOT "
                  "NULL, value BIGINT NOT NULL)"));
    for (std::size_t from = 0; from < facts.size(); from += kRowsPerInsert) {
      const std::size_t to = std::min(facts.size(), from + kRowsPerInsert);
      std::string sql = "INSERT INTO bench_fact (unit_code, fact, value) VALUES ";
      std::vector<Value> params;
      for (std::size_t i = from; i < to; ++i) {
        sql += fmt::format("{}(${}, ${}, ${})", i == from ? "" : ", ", params.size() + 1,
                           params.size() + 2, params.size() + 3);
        params.emplace_back(tree.node(facts[i].unit).unit.code);
        params.emplace_back(static_cast<int64_t>(facts[i].column));
        params.emplace_back(facts[i].value);
      }
      SHEQU_TRY(s.execute(sql, params));
    }
    return {};
  }),
       "writing the facts");
  Sums sums;
  seconds = median_seconds([&] {
    sums.clear();
    must(db.read([&](Session& s) -> Status {
      return s.for_each(
          "SELECT a.ancestor_code, f.fact, SUM(f.value) FROM bench_fact f JOIN "
          "org_unit_ancestor a ON a.code = f.unit_code GROUP BY a.ancestor_code, f.fact",
          {}, [&](const shequ::storage::Row& row) -> Status {
            sums[{row.text(0), static_cast<uint32_t>(row.integer(1))}] = row.integer(2);
            return {};
          });
    }),
         "summing in SQL");
  });
  return sums;
}

// The same sums in memory: the facts into each unit's own numbers, then the tree summed.
Sums memory_sums(const Hierarchy& tree, const std::vector<FactRow>& facts, std::size_t columns,
                 double& seconds) {
  Rollup rollup(tree, columns);
  seconds = median_seconds([&] {
    std::vector<int64_t> own(tree.size() * columns, 0);
    for (const FactRow& f : facts) own[f.unit * columns + f.column] += f.value;
    for (uint32_t u = 0; u < tree.size(); ++u) {
      rollup.set_own(u, {&own[u * columns], columns});
    }
    rollup.sum_all();
  });
  Sums sums;
  for (uint32_t u = 0; u < tree.size(); ++u) {
    const auto total = rollup.total(u);
    for (uint32_t c = 0; c < columns; ++c) {
      if (total[c] != 0) sums[{tree.node(u).unit.code, c}] = total[c];
    }
  }
  return sums;
}

bool compare(const char* what, shequ::storage::Database& db, const Hierarchy& tree,
             const std::vector<FactRow>& facts, std::size_t columns) {
  double sql_seconds = 0, memory_seconds = 0;
  Sums in_sql = sql_sums(db, tree, facts, sql_seconds);
  std::erase_if(in_sql, [](const auto& entry) { return entry.second == 0; });
  const Sums in_memory = memory_sums(tree, facts, columns, memory_seconds);
  const bool identical = in_sql == in_memory;
  fmt::print("{:<28} {:>9} facts  SQL GROUP BY {:8.1f} ms  in memory {:7.2f} ms  {:6.1f}x  {}\n",
             what, facts.size(), sql_seconds * 1e3, memory_seconds * 1e3,
             sql_seconds / memory_seconds, identical ? "identical" : "DIFFERENT");
  return identical;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) die("usage: indicator-bench DATABASE [FACTS]");
  const std::size_t synthetic = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1'000'000;
  auto db = must(shequ::storage::open_database(argv[1]), "opening the database");
  using namespace shequ::indicator;

  // The engine's own count of a year, from the database, and a read with nothing changed.
  Engine engine(*db);
  const PeriodId year{PeriodId::Kind::year, 2025, 0};
  const PeriodId years[] = {year};
  auto start = SteadyClock::now();
  std::vector<FactRow> counted;
  std::vector<HierarchyUnit> units;
  must(engine.read(years,
                   [&](std::span<const Snapshot* const> snapshots) -> Status {
                     const Snapshot& s = *snapshots[0];
                     for (uint32_t u = 0; u < s.hierarchy.size(); ++u) {
                       units.push_back(s.hierarchy.node(u).unit);
                       const auto own = s.rollup.own(u);
                       for (uint32_t c = 0; c < own.size(); ++c) {
                         if (own[c] != 0) counted.push_back({u, c, own[c]});
                       }
                     }
                     return {};
                   }),
       "counting 2025");
  const double first_count = seconds_since(start);
  const double reread = median_seconds([&] {
    must(engine.read(years, [](std::span<const Snapshot* const>) -> Status { return {}; }),
         "reading again");
  });
  fmt::print(
      "engine: 2025 counted from the database in {:.2f} s ({} units, {} facts); a read "
      "with nothing changed {:.2f} ms\n",
      first_count, units.size(), counted.size(), reread * 1e3);

  const Hierarchy tree(units);  // the same order as the snapshot's: codes sort the same way
  bool identical = compare("province 2025, engine facts", *db, tree, counted, column_count());

  std::vector<uint32_t> leaves;
  for (uint32_t u = 0; u < tree.size(); ++u) {
    if (tree.node(u).unit.level == shequ::org::Level::village) leaves.push_back(u);
  }
  std::vector<FactRow> random_facts;
  uint64_t state = 2025;
  const auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 33;
  };
  for (std::size_t i = 0; i < synthetic; ++i) {
    random_facts.push_back({leaves[next() % leaves.size()],
                            static_cast<uint32_t>(next() % column_count()),
                            static_cast<int64_t>(next() % 100'000)});
  }
  identical &= compare("synthetic", *db, tree, random_facts, column_count());

  // One village changed, its ancestors read again.
  Rollup rollup(tree, column_count());
  for (const FactRow& f : counted) {
    std::vector<int64_t> own(rollup.own(f.unit).begin(), rollup.own(f.unit).end());
    own[f.column] += f.value;
    rollup.set_own(f.unit, own);
  }
  rollup.sum_all();
  std::vector<double> times;
  int64_t seen = 0;
  for (int i = 0; i < 10'001; ++i) {
    const uint32_t village = leaves[next() % leaves.size()];
    std::vector<int64_t> own(rollup.own(village).begin(), rollup.own(village).end());
    own[next() % own.size()] += 1;
    const auto begin = SteadyClock::now();
    rollup.change_own(village, own);
    for (uint32_t at = village; at != Hierarchy::kNone; at = tree.node(at).parent) {
      seen += rollup.total(at)[0];
    }
    times.push_back(seconds_since(begin));
  }
  std::sort(times.begin(), times.end());
  fmt::print(
      "one village changed, its ancestors read again: median {:.4f} ms, slowest {:.3f} ms "
      "({})\n",
      times[times.size() / 2] * 1e3, times.back() * 1e3, seen > 0 ? "read" : "none");
  fmt::print("results identical to SQL: {}\n", identical ? "yes" : "NO");
  return identical ? 0 : 1;
}
