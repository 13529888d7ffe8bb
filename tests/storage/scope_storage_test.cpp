// Scoped lists on every backend (storage/scope.hpp): the audit log and the account list return
// exactly the current subtrees of the caller's units, also after a unit moved, and nothing for
// no units.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "audit/audit_log.hpp"
#include "auth/auth_repository.hpp"
#include "support/test_database.hpp"
#include "support/test_services.hpp"

namespace shequ {
namespace {

using shequ::testing::all_backends;
using shequ::testing::Backend;
using shequ::testing::backend_name;
using shequ::testing::TestDatabase;
using Units = std::set<std::string>;

// The units of testing::kSmallDivisions, and a grid.
const std::string kProvince = "620000000000";
const std::string kLanzhou = "620100000000";
const std::string kJiayuguan = "620200000000";
const std::string kChengguan = "620102000000";
const std::string kJiayuguanDistrict = "620201000000";
const std::string kJiuquanlu = "620102001000";
const std::string kZhangyelu = "620102002000";
const std::string kXiongguan = "620201001000";
const std::string kChangjiaxiang = "620102001001";
const std::string kYanyuan = "620102001002";
const std::string kZhangyeluCommunity = "620102002001";
const std::string kXiongguanCommunity = "620201001001";
const std::string kGrid = "620102001001001";
const Units kEveryUnit{
    kProvince,  kLanzhou,   kJiayuguan,     kChengguan, kJiayuguanDistrict,  kJiuquanlu,
    kZhangyelu, kXiongguan, kChangjiaxiang, kYanyuan,   kZhangyeluCommunity, kXiongguanCommunity,
    kGrid};

struct Case {
  std::string name;
  std::vector<std::string> roots;
  Units units;  // the subtrees, worked out by hand
};

// Before the street 酒泉路 moves.
const std::vector<Case> kCases{
    {"no roots", {}, {}},
    {"a county",
     {kChengguan},
     {kChengguan, kJiuquanlu, kZhangyelu, kChangjiaxiang, kYanyuan, kZhangyeluCommunity, kGrid}},
    {"a community", {kChangjiaxiang}, {kChangjiaxiang, kGrid}},
    {"a grid", {kGrid}, {kGrid}},
    {"two branches",
     {kChangjiaxiang, kXiongguan},
     {kChangjiaxiang, kGrid, kXiongguan, kXiongguanCommunity}},
    {"a city and a street inside it",
     {kLanzhou, kJiuquanlu},
     {kLanzhou, kChengguan, kJiuquanlu, kZhangyelu, kChangjiaxiang, kYanyuan, kZhangyeluCommunity,
      kGrid}},
    {"the province", {kProvince}, kEveryUnit},
    {"a unit that does not exist", {"620999000000"}, {}},
};

// After 酒泉路 (with its communities and the grid) moved from 城关区 to 嘉峪关市辖区.
const std::vector<Case> kCasesAfterMove{
    {"the county it left", {kChengguan}, {kChengguan, kZhangyelu, kZhangyeluCommunity}},
    {"the county it joined",
     {kJiayuguanDistrict},
     {kJiayuguanDistrict, kXiongguan, kXiongguanCommunity, kJiuquanlu, kChangjiaxiang, kYanyuan,
      kGrid}},
    {"the city it left", {kLanzhou}, {kLanzhou, kChengguan, kZhangyelu, kZhangyeluCommunity}},
    {"the street itself", {kJiuquanlu}, {kJiuquanlu, kChangjiaxiang, kYanyuan, kGrid}},
};

class ScopeStorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = TestDatabase::create(GetParam());
    services_ = shequ::testing::open_test_services(database_->url(), clock_);
    ASSERT_TRUE(services_);
    import(shequ::testing::kSmallDivisions, "2022-10-31");
    auto grid = services_->org().create_grid(services_->operator_actor(), kChangjiaxiang,
                                             {std::string("第一网格"), std::nullopt});
    ASSERT_TRUE(grid) << grid.error().message.en;
    ASSERT_EQ(grid->unit.code, kGrid);
  }

  void import(const std::string& csv, const std::string& as_of) {
    std::istringstream in(csv);
    const auto report = services_->org().import_divisions(in, as_of, audit::operator_who());
    ASSERT_TRUE(report) << report.error().message.en;
  }

  void move_jiuquanlu_to_jiayuguan() {
    std::string csv = shequ::testing::kSmallDivisions;
    const std::string row = "620102001000,酒泉路街道,4,乡级,620102000000,街道,,\n";
    csv.replace(csv.find(row), row.size(), "620102001000,酒泉路街道,4,乡级,620201000000,街道,,\n");
    import(csv, "2025-06-30");
  }

  storage::Database& db() { return services_->database(); }

  ManualClock clock_{parse_date("2025-06-30")};
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<app::Services> services_;
};

class ScopedAuditTest : public ScopeStorageTest {
 protected:
  // One entry by an actor of each unit, one on an object of each unit, one by an actor of
  // 雄关社区 on an object of 畅家巷社区, and one that names no unit (an unknown name's failed
  // login).
  void SetUp() override {
    ScopeStorageTest::SetUp();
    for (const std::string& unit : kEveryUnit) {
      record("actor " + unit, unit, "");
      record("object " + unit, "", unit);
    }
    record("across", kXiongguanCommunity, kChangjiaxiang);
    record("nowhere", "", "");
  }

  void record(const std::string& id, const std::string& actor_unit,
              const std::string& object_unit) {
    ASSERT_TRUE(
        services_->audit().record(db(), audit::Who{std::nullopt, "tester", "", actor_unit, "", ""},
                                  {"org.grid.update", "grid", id, "success", "", object_unit}));
  }

  // The entries a scope over `units` must show.
  static std::vector<std::string> expected(const Units& units) {
    std::vector<std::string> ids;
    if (units.contains(kXiongguanCommunity) || units.contains(kChangjiaxiang))
      ids.push_back("across");
    for (const std::string& unit : units) {
      ids.push_back("actor " + unit);
      ids.push_back("object " + unit);
    }
    return ids;
  }

  std::vector<std::string> shown(const std::vector<std::string>& roots, int64_t* total,
                                 bool every_unit = false) {
    audit::Filter filter;
    filter.action = "org.grid.update";
    filter.scope_roots = roots;
    filter.every_unit = every_unit;
    filter.limit = 200;
    const auto page = audit::query(db(), filter);
    EXPECT_TRUE(page) << page.error().internal_detail;
    if (!page) return {};
    *total = page->total;
    std::vector<std::string> ids;
    for (const audit::Entry& entry : page->items) ids.push_back(entry.object_id);
    return ids;
  }

  void check(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
      SCOPED_TRACE(c.name);
      int64_t total = -1;
      const auto ids = shown(c.roots, &total);
      std::vector<std::string> want = expected(c.units);
      std::vector<std::string> got = ids;
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      EXPECT_EQ(got, want);
      EXPECT_EQ(total, static_cast<int64_t>(ids.size()));
      // Newest first: the order they were recorded in, reversed.
      EXPECT_TRUE(std::is_sorted(ids.rbegin(), ids.rend(), [&](const auto& a, const auto& b) {
        return position(a) < position(b);
      }));
    }
  }

  // Where an entry was recorded, for checking the order.
  static int position(const std::string& id) {
    if (id == "across") return 1000;
    const std::string unit = id.substr(id.find(' ') + 1);
    const int index = static_cast<int>(std::distance(kEveryUnit.begin(), kEveryUnit.find(unit)));
    return index * 2 + (id.starts_with("object") ? 1 : 0);
  }
};

TEST_P(ScopedAuditTest, ShowsExactlyTheEntriesOfTheSubtrees) {
  check(kCases);
}

TEST_P(ScopedAuditTest, AMovedStreetTakesItsEntriesToItsNewCounty) {
  move_jiuquanlu_to_jiayuguan();
  check(kCasesAfterMove);
}

TEST_P(ScopedAuditTest, EveryUnitIsTheWholeLogOnlyWhenTheCallerSaysSo) {
  int64_t total = -1;
  EXPECT_TRUE(shown({}, &total).empty());
  EXPECT_EQ(total, 0);
  const auto ids = shown({}, &total, true);
  EXPECT_EQ(total, static_cast<int64_t>(kEveryUnit.size() * 2 + 2));
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), "nowhere");
  // The roots do not narrow "every unit".
  EXPECT_EQ(shown({kGrid}, &total, true).size(), kEveryUnit.size() * 2 + 2);
}

class ScopedAccountsTest : public ScopeStorageTest {
 protected:
  // One account at each unit, holding a role there, and one more in 畅家巷社区 holding two roles
  // and one without any.
  void SetUp() override {
    ScopeStorageTest::SetUp();
    ASSERT_TRUE(db().write([&](storage::Session& s) -> Status {
      for (const std::string& unit : kEveryUnit) {
        SHEQU_TRY(add(s, "user" + unit, "用户", unit, {{"community_worker", unit}}));
      }
      SHEQU_TRY(add(s, "wangfang", "Wang Fang", kChangjiaxiang,
                    {{"grid_worker", kGrid}, {"community_worker", kChangjiaxiang}}));
      SHEQU_TRY(add(s, "wanglei", "WANG Lei", kXiongguanCommunity, {}));
      return add(s, "lifang", "王芳", kChangjiaxiang, {});
    }));
  }

  static Status add(storage::Session& s, const std::string& username, const std::string& name,
                    const std::string& unit, std::vector<auth::RoleGrant> roles) {
    SHEQU_TRY(auth::AuthRepository::insert_user(s,
                                                {username, name, unit, "", std::move(roles), false},
                                                "hash", "2025-06-30T00:00:00.000Z", "", ""));
    return {};
  }

  Result<std::pair<std::vector<auth::User>, int64_t>> list(const std::vector<std::string>& roots,
                                                           const std::string& q, int64_t offset = 0,
                                                           int64_t limit = 200) {
    using Page = std::pair<std::vector<auth::User>, int64_t>;
    return db().read_value<Page>([&](storage::Session& s) {
      return auth::AuthRepository::list_users(s, roots, q, "", offset, limit);
    });
  }

  std::set<std::string> usernames(const std::vector<std::string>& roots, const std::string& q) {
    const auto page = list(roots, q);
    EXPECT_TRUE(page) << page.error().internal_detail;
    if (!page) return {};
    std::set<std::string> names;
    for (const auth::User& user : page->first) names.insert(user.username);
    EXPECT_EQ(page->second, static_cast<int64_t>(names.size()));
    return names;
  }

  void check(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
      SCOPED_TRACE(c.name);
      std::set<std::string> want;
      for (const std::string& unit : c.units) want.insert("user" + unit);
      if (c.units.contains(kChangjiaxiang)) want.insert({"wangfang", "lifang"});
      if (c.units.contains(kXiongguanCommunity)) want.insert("wanglei");
      EXPECT_EQ(usernames(c.roots, ""), want);
    }
  }
};

TEST_P(ScopedAccountsTest, ListsExactlyTheAccountsOfTheSubtrees) {
  check(kCases);
}

TEST_P(ScopedAccountsTest, AMovedStreetTakesItsAccountsToItsNewCounty) {
  move_jiuquanlu_to_jiayuguan();
  check(kCasesAfterMove);
}

TEST_P(ScopedAccountsTest, EachAccountOfAPageComesWithItsOwnRoles) {
  const auto page = list({kChangjiaxiang}, "");
  ASSERT_TRUE(page) << page.error().internal_detail;
  std::map<std::string, std::vector<auth::RoleGrant>> roles;
  for (const auth::User& user : page->first) roles[user.username] = user.roles;
  ASSERT_EQ(roles.size(), 4u);
  EXPECT_TRUE(roles.at("lifang").empty());
  ASSERT_EQ(roles.at("user" + kGrid).size(), 1u);
  EXPECT_EQ(roles.at("user" + kGrid)[0].unit_code, kGrid);
  ASSERT_EQ(roles.at("wangfang").size(), 2u);  // ordered by role, then unit
  EXPECT_EQ(roles.at("wangfang")[0].role, "community_worker");
  EXPECT_EQ(roles.at("wangfang")[0].unit_code, kChangjiaxiang);
  EXPECT_EQ(roles.at("wangfang")[1].role, "grid_worker");
  EXPECT_EQ(roles.at("wangfang")[1].unit_code, kGrid);
  // A page cut in the middle still carries the roles of its own rows.
  const auto second = list({kChangjiaxiang}, "", 2, 1);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->first.size(), 1u);
  EXPECT_EQ(second->first[0].roles.size(), roles.at(second->first[0].username).size());
}

TEST_P(ScopedAccountsTest, NameSearchWithinTheScope) {
  // ASCII case folded, in the user name or the display name; the scope still applies.
  EXPECT_EQ(usernames({kProvince}, "wang"), (std::set<std::string>{"wangfang", "wanglei"}));
  EXPECT_EQ(usernames({kProvince}, "LEI"), (std::set<std::string>{"wanglei"}));
  EXPECT_EQ(usernames({kChengguan}, "Wang"), (std::set<std::string>{"wangfang"}));
  EXPECT_EQ(usernames({kProvince}, "王芳"), (std::set<std::string>{"lifang"}));
  EXPECT_EQ(usernames({}, "wang"), (std::set<std::string>{}));
  // '_' is not "any character": no user name has one.
  EXPECT_EQ(usernames({kProvince}, "wang_"), (std::set<std::string>{}));
}

INSTANTIATE_TEST_SUITE_P(Backends, ScopedAuditTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, ScopedAccountsTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ
