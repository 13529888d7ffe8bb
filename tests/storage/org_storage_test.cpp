// The org module against real storage on every backend: imports are all-or-nothing, and changes
// to the hierarchy keep their history.
#include <gtest/gtest.h>

#include <sstream>

#include "app/app.hpp"
#include "org/org_repository.hpp"
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

INSTANTIATE_TEST_SUITE_P(Backends, OrgStorageTest, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace shequ::org
