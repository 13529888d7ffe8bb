// The org module against real storage on every backend: imports are all-or-nothing, changes
// to the hierarchy keep their history, and the ancestor table follows every change.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "app/app.hpp"
#include "modules/modules.hpp"
#include "org/org_repository.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"
#include "support/test_services.hpp"

namespace shequ::org {
namespace {

using shequ::testing::all_backends;
using shequ::testing::Backend;
using shequ::testing::backend_name;
using shequ::testing::TestDatabase;

const std::string kHeader =
    "code,name,level,level_name,parent_code,unit_type,urban_rural_code,urban_rural_name\n";
const std::string kBase = kHeader +
                          "620000000000,甘肃省,1,省,,省,,\n"
                          "620100000000,兰州市,2,地级,620000000000,地级市,,\n"
                          "620102000000,城关区,3,县级,620100000000,市辖区,,\n"
                          "620102001000,酒泉路街道,4,乡级,620102000000,街道,,\n"
                          "620102002000,张掖路街道,4,乡级,620102000000,街道,,\n"
                          "620102001001,畅家巷社区居委会,5,村级,620102001000,居委会,111,主城区\n";

// (ancestor_code, code, depth) rows of org_unit_ancestor.
using Closure = std::set<std::tuple<std::string, std::string, int64_t>>;

Closure stored_closure(storage::Database& db) {
  Closure closure;
  EXPECT_TRUE(db.read([&](storage::Session& s) -> Status {
    return s.for_each("SELECT ancestor_code, code, depth FROM org_unit_ancestor", {},
                      [&](const storage::Row& row) -> Status {
                        closure.emplace(row.text(0), row.text(1), row.integer(2));
                        return {};
                      });
  }));
  return closure;
}

// The closure worked out here from the current units and their current parent links: what the
// table must hold.
Closure expected_closure(storage::Database& db) {
  std::map<std::string, std::string> parent_of;  // current units; "" for the root
  EXPECT_TRUE(db.read([&](storage::Session& s) -> Status {
    return s.for_each(
        "SELECT u.code, p.parent_code FROM org_unit u LEFT JOIN org_unit_parent p"
        " ON p.code = u.code AND p.valid_to IS NULL WHERE u.valid_to IS NULL",
        {}, [&](const storage::Row& row) -> Status {
          parent_of[row.text(0)] = row.optional_text(1).value_or("");
          return {};
        });
  }));
  Closure closure;
  for (const auto& [code, parent] : parent_of) {
    std::string at = code;
    for (int64_t depth = 0; parent_of.contains(at); ++depth) {
      closure.emplace(at, code, depth);
      at = parent_of[at];
    }
  }
  return closure;
}

// The units whose ancestors (or themselves) include `ancestor`, by the table.
std::set<std::string> subtree(storage::Database& db, const std::string& ancestor) {
  std::set<std::string> codes;
  for (const auto& [above, code, depth] : stored_closure(db)) {
    if (above == ancestor) codes.insert(code);
  }
  return codes;
}

class OrgStorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = TestDatabase::create(GetParam());
    services_ = shequ::testing::open_test_services(database_->url(), clock_);
    ASSERT_TRUE(services_);
  }

  Result<ImportReport> import(const std::string& csv, const std::string& as_of) {
    std::istringstream in(csv);
    return services_->org().import_divisions(in, as_of, audit::operator_who());
  }

  int64_t count(const std::string& sql, const std::vector<storage::Value>& params = {}) {
    return shequ::testing::scalar(services_->database(), sql, params);
  }

  ManualClock clock_{parse_date("2026-11-30")};
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<app::Services> services_;
};

TEST_P(OrgStorageTest, ABadFileStoresNothingAndNamesEveryProblem) {
  const auto result = import(
      kBase + "620102001002,x,5\n" + "620102009001,y,5,村级,620102009000,居委会,111,主城区\n",
      "2022-10-31");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
  ASSERT_EQ(result.error().details.size(), 2u);
  EXPECT_EQ(result.error().details[0].line, 8);
  EXPECT_EQ(result.error().details[1].line, 9);
  EXPECT_EQ(result.error().details[1].field, "parent_code");
  EXPECT_EQ(count("SELECT COUNT(*) FROM org_unit"), 0);
  EXPECT_EQ(services_->org().tree().size(), 0u);
  EXPECT_FALSE(import(kBase, "2022-02-30"));  // not a date
}

TEST_P(OrgStorageTest, ReimportRenamesAndMovesKeepingTheOldParentAsHistory) {
  const auto first = import(kBase, "2022-10-31");
  ASSERT_TRUE(first) << first.error().message.en;
  EXPECT_EQ(first->inserted, 6);

  // The community is renamed and moves to the other street; everything else stays.
  std::string changed = kBase;
  const std::string old_row =
      "620102001001,畅家巷社区居委会,5,村级,620102001000,居委会,111,主城区\n";
  changed.replace(changed.find(old_row), old_row.size(),
                  "620102001001,畅家巷新社区居委会,5,村级,620102002000,居委会,111,主城区\n");
  const auto second = import(changed, "2025-12-31");
  ASSERT_TRUE(second) << second.error().message.en;
  EXPECT_EQ(second->updated, 1);
  EXPECT_EQ(second->moved, 1);
  EXPECT_EQ(second->unchanged, 5);
  EXPECT_EQ(second->inserted, 0);

  const auto unit = services_->org().unit(services_->operator_actor(), "620102001001");
  ASSERT_TRUE(unit);
  EXPECT_EQ(unit->unit.name, "畅家巷新社区居委会");
  EXPECT_EQ(unit->unit.parent_code, "620102002000");
  EXPECT_EQ(services_->org().tree().find("620102001000")->child_count, 0);
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM org_unit_parent WHERE code = $1", {std::string("620102001001")}),
      2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM org_unit_parent WHERE code = $1 AND parent_code = $2 "
                  "AND valid_from = $3 AND valid_to = $4",
                  {std::string("620102001001"), std::string("620102001000"),
                   std::string("2022-10-31"), std::string("2025-12-31")}),
            1);

  // Importing the same file again changes nothing.
  const auto third = import(changed, "2026-01-01");
  ASSERT_TRUE(third);
  EXPECT_EQ(third->unchanged, 6);
}

TEST_P(OrgStorageTest, RetiredGridsStayInStorage) {
  ASSERT_TRUE(import(kBase, "2022-10-31"));
  const Actor actor = services_->operator_actor();
  auto grid =
      services_->org().create_grid(actor, "620102001001", {std::string("第一网格"), std::nullopt});
  ASSERT_TRUE(grid) << grid.error().message.en;
  EXPECT_EQ(grid->unit.code, "620102001001001");
  ASSERT_TRUE(services_->org().retire_grid(actor, grid->unit.code, grid->unit.version));
  EXPECT_FALSE(services_->org().tree().find(grid->unit.code));
  EXPECT_EQ(count("SELECT COUNT(*) FROM org_unit WHERE code = $1 AND valid_to = $2",
                  {std::string("620102001001001"), std::string("2026-11-30")}),
            1);
  // After a restart the retired grid is still gone from the tree.
  ASSERT_TRUE(services_->org().load());
  EXPECT_FALSE(services_->org().tree().find("620102001001001"));
  EXPECT_EQ(services_->org().tree().size(), 6u);
}

TEST_P(OrgStorageTest, TheAncestorTableFollowsImportsMovesAndGrids) {
  const std::string two_counties =
      kBase +
      "620103000000,七里河区,3,县级,620100000000,市辖区,,\n"
      "620102001002,雁园社区居委会,5,村级,620102001000,居委会,111,主城区\n"
      "620102002001,张掖路社区居委会,5,村级,620102002000,居委会,111,主城区\n";
  ASSERT_TRUE(import(two_counties, "2022-10-31"));
  storage::Database& db = services_->database();
  // Each unit itself, its parent, its grandparent...
  EXPECT_EQ(stored_closure(db).size(), 9u + 8u + 7u + 5u + 3u);
  EXPECT_EQ(stored_closure(db), expected_closure(db));

  const Actor actor = services_->operator_actor();
  auto grid = services_->org().create_grid(actor, "620102001001", {std::string("第一网格"), {}});
  ASSERT_TRUE(grid) << grid.error().message.en;
  auto other = services_->org().create_grid(actor, "620102001001", {std::string("第二网格"), {}});
  ASSERT_TRUE(other) << other.error().message.en;
  EXPECT_EQ(stored_closure(db), expected_closure(db));
  EXPECT_TRUE(stored_closure(db).contains({"620000000000", "620102001001001", 5}));

  // The street 酒泉路 moves from 城关区 to 七里河区 with its two communities and their grids.
  std::string moved = two_counties;
  const std::string street = "620102001000,酒泉路街道,4,乡级,620102000000,街道,,\n";
  moved.replace(moved.find(street), street.size(),
                "620102001000,酒泉路街道,4,乡级,620103000000,街道,,\n");
  const auto report = import(moved, "2025-12-31");
  ASSERT_TRUE(report) << report.error().message.en;
  EXPECT_EQ(report->moved, 1);
  EXPECT_EQ(stored_closure(db), expected_closure(db));
  const std::set<std::string> street_and_below{"620102001000", "620102001001", "620102001002",
                                               "620102001001001", "620102001001002"};
  std::set<std::string> qilihe = street_and_below;
  qilihe.insert("620103000000");
  EXPECT_EQ(subtree(db, "620103000000"), qilihe);
  EXPECT_EQ(subtree(db, "620102000000"),
            (std::set<std::string>{"620102000000", "620102002000", "620102002001"}));
  EXPECT_TRUE(stored_closure(db).contains({"620103000000", "620102001001001", 3}));
  EXPECT_EQ(subtree(db, "620100000000").size(), 10u);  // the city keeps the whole street

  // A whole county moves to another city: everything below it answers to that city.
  const std::string jiayuguan = "620200000000,嘉峪关市,2,地级,620000000000,地级市,,\n";
  std::string county_moved = moved + jiayuguan;
  const std::string qilihe_row = "620103000000,七里河区,3,县级,620100000000,市辖区,,\n";
  county_moved.replace(county_moved.find(qilihe_row), qilihe_row.size(),
                       "620103000000,七里河区,3,县级,620200000000,市辖区,,\n");
  ASSERT_TRUE(import(county_moved, "2026-01-01"));
  EXPECT_EQ(stored_closure(db), expected_closure(db));
  std::set<std::string> jiayuguan_subtree = qilihe;
  jiayuguan_subtree.insert("620200000000");
  EXPECT_EQ(subtree(db, "620200000000"), jiayuguan_subtree);
  EXPECT_EQ(subtree(db, "620100000000").size(), 4u);

  // A retired grid leaves the table, as a unit and as an ancestor.
  ASSERT_TRUE(services_->org().retire_grid(actor, grid->unit.code, grid->unit.version));
  EXPECT_EQ(stored_closure(db), expected_closure(db));
  for (const auto& [above, code, depth] : stored_closure(db)) {
    EXPECT_NE(code, grid->unit.code);
    EXPECT_NE(above, grid->unit.code);
  }
  EXPECT_TRUE(subtree(db, "620200000000").contains("620102001001002"));
}

// A database that had units before the table existed gets it filled by the migration, from the
// current links only: a closed link and a retired unit leave no rows.
TEST_P(OrgStorageTest, TheMigrationFillsTheAncestorTableFromTheCurrentLinks) {
  auto fresh = TestDatabase::create(GetParam());
  storage::Database& db = fresh->db();
  const auto registry = app::make_registry(modules::all());
  std::vector<storage::Migration> before;
  std::vector<storage::Migration> with_table;
  for (const storage::Migration& m : registry->migrations()) {
    (m.version < 9 ? before : with_table).push_back(m);
  }
  ASSERT_TRUE(storage::migrate(db, before));
  ASSERT_TRUE(db.write([](storage::Session& s) -> Status {
    const char* units[][2] = {{"620000000000", "1"},   {"620100000000", "2"}, {"620102000000", "3"},
                              {"620103000000", "3"},   {"620102001000", "4"}, {"620102001001", "5"},
                              {"620102001001001", "6"}};
    for (const auto& [code, level] : units) {
      const std::vector<storage::Value> params{std::string(code), int64_t{std::stoi(level)}};
      SHEQU_TRY(
          s.execute("INSERT INTO org_unit (code, name, level, unit_type, valid_from, "
                    "created_at, updated_at) VALUES ($1, 'x', $2, 't', '2022-10-31', "
                    "'2022-10-31T00:00:00.000Z', '2022-10-31T00:00:00.000Z')",
                    params));
    }
    SHEQU_TRY(
        s.execute("UPDATE org_unit SET valid_to = '2024-01-01' WHERE code = '620102001001001'"));
    const char* links[][4] = {
        {"620100000000", "620000000000", "2022-10-31", ""},
        {"620102000000", "620100000000", "2022-10-31", ""},
        {"620103000000", "620100000000", "2022-10-31", ""},
        {"620102001000", "620102000000", "2022-10-31", "2024-06-30"},  // moved away
        {"620102001000", "620103000000", "2024-06-30", ""},
        {"620102001001", "620102001000", "2022-10-31", ""},
        {"620102001001001", "620102001001", "2022-10-31", "2024-01-01"}};  // a retired grid
    for (const auto& [code, parent, from, to] : links) {
      const std::vector<storage::Value> params{
          std::string(code), std::string(parent), std::string(from),
          std::string(to).empty() ? storage::Value{nullptr} : storage::Value{std::string(to)}};
      SHEQU_TRY(
          s.execute("INSERT INTO org_unit_parent (code, parent_code, valid_from, valid_to) "
                    "VALUES ($1, $2, $3, $4)",
                    params));
    }
    return {};
  }));
  ASSERT_TRUE(storage::migrate(db, registry->migrations()));
  const Closure closure = stored_closure(db);
  EXPECT_EQ(closure, expected_closure(db));
  EXPECT_EQ(closure.size(), 6u + 5u + 4u + 2u + 1u);
  EXPECT_TRUE(closure.contains({"620103000000", "620102001001", 2}));
  EXPECT_FALSE(closure.contains({"620102000000", "620102001001", 2}));
}

INSTANTIATE_TEST_SUITE_P(Backends, OrgStorageTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::org
