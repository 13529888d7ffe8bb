#include <gtest/gtest.h>

#include "org/org_tree.hpp"

namespace shequ::org {
namespace {

Unit unit(std::string code, std::string name, Level level, std::string parent) {
  Unit u;
  u.code = std::move(code);
  u.name = std::move(name);
  u.level = level;
  u.parent_code = std::move(parent);
  return u;
}

class OrgTreeTest : public testing::Test {
 protected:
  void SetUp() override {
    // Deliberately out of order: the tree orders children by code itself.
    ASSERT_EQ(tree.reset({
                  unit("620102001002", "雁园社区", Level::village, "620102001000"),
                  unit("620000000000", "甘肃省", Level::province, ""),
                  unit("620100000000", "兰州市", Level::city, "620000000000"),
                  unit("620200000000", "嘉峪关市", Level::city, "620000000000"),
                  unit("620102000000", "城关区", Level::county, "620100000000"),
                  unit("620102001000", "酒泉路街道", Level::township, "620102000000"),
                  unit("620102001001", "畅家巷社区", Level::village, "620102001000"),
              }),
              0u);
  }
  OrgTree tree;
};

TEST_F(OrgTreeTest, AncestorsFromTheRootDown) {
  std::vector<std::string> codes;
  for (const auto& a : tree.ancestors("620102001001")) codes.push_back(a.unit.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"620000000000", "620100000000", "620102000000",
                                             "620102001000"}));
  EXPECT_TRUE(tree.ancestors("620000000000").empty());
  EXPECT_TRUE(tree.ancestors("999").empty());
}

TEST_F(OrgTreeTest, CountyOfAUnitIsTheCountyItLiesIn) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"620102001001", "620102000000"},  // a community: its district
      {"620102001000", "620102000000"},  // a street
      {"620102000000", "620102000000"},  // the district itself
      {"620100000000", "620100000000"},  // a city: its own
      {"620000000000", "620000000000"},  // the province
      {"999", ""},                       // unknown
  };
  for (const auto& [code, county] : cases) EXPECT_EQ(tree.county_of(code), county) << code;
}

TEST_F(OrgTreeTest, ChildrenPagedInCodeOrder) {
  const auto first = tree.children("620102001000", {1, 1});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->total, 2);
  ASSERT_EQ(first->items.size(), 1u);
  EXPECT_EQ(first->items[0].unit.code, "620102001001");
  const auto second = tree.children("620102001000", {2, 1});
  EXPECT_EQ(second->items[0].unit.code, "620102001002");
  EXPECT_TRUE(tree.children("620102001000", {3, 1})->items.empty());
  EXPECT_FALSE(tree.children("620999000000", {1, 10}));
  EXPECT_EQ(tree.find("620000000000")->child_count, 2);
}

TEST_F(OrgTreeTest, ContainsIsTheSubtreeRelation) {
  EXPECT_TRUE(tree.contains("620000000000", "620102001001"));
  EXPECT_TRUE(tree.contains("620102001001", "620102001001"));
  EXPECT_FALSE(tree.contains("620102001001", "620102001000"));  // ancestor is not within
  EXPECT_FALSE(tree.contains("620200000000", "620102001001"));  // other branch
  EXPECT_FALSE(tree.contains("620102001001", "620102001002"));  // sibling
  EXPECT_FALSE(tree.contains("620000000000", "unknown"));
}

TEST_F(OrgTreeTest, SearchWithinSubtreeByNameFragment) {
  const auto all = tree.search("620000000000", "社区", {1, 10});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->total, 2);
  const auto paged = tree.search("620000000000", "社区", {2, 1});
  EXPECT_EQ(paged->total, 2);
  ASSERT_EQ(paged->items.size(), 1u);
  EXPECT_EQ(paged->items[0].unit.code, "620102001002");
  EXPECT_EQ(tree.search("620200000000", "社区", {1, 10})->total, 0);
  EXPECT_EQ(tree.search("620000000000", "兰州", {1, 10})->items[0].unit.code, "620100000000");
}

TEST_F(OrgTreeTest, UpsertMovesAndRemoveDetaches) {
  Unit grid = unit("620102001001001", "第一网格", Level::grid, "620102001001");
  tree.upsert(grid);
  EXPECT_TRUE(tree.contains("620102001001", "620102001001001"));
  grid.parent_code = "620102001002";
  tree.upsert(grid);
  EXPECT_FALSE(tree.contains("620102001001", "620102001001001"));
  EXPECT_TRUE(tree.contains("620102001002", "620102001001001"));
  EXPECT_EQ(tree.find("620102001001")->child_count, 0);
  tree.remove("620102001001001");
  EXPECT_FALSE(tree.find("620102001001001"));
  EXPECT_EQ(tree.find("620102001002")->child_count, 0);
  EXPECT_EQ(tree.size(), 7u);
}

TEST_F(OrgTreeTest, SummaryCountsTheSubtree) {
  Unit community = unit("620102001003", "新社区", Level::village, "620102001000");
  community.type = UnitType::residents_committee;
  community.urban_rural_code = "220";
  tree.upsert(community);
  const auto summary = tree.summarize("620100000000");
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->rural_villages_and_communities, 1);
  EXPECT_EQ(summary->urban_villages_and_communities, 0);
  ASSERT_EQ(summary->urban_rural.size(), 1u);
  EXPECT_EQ(summary->urban_rural[0].code, "220");
}

TEST(OrgTree, OrphansAreCounted) {
  OrgTree tree;
  EXPECT_EQ(tree.reset({unit("620102001001", "x", Level::village, "620102001000")}), 1u);
}

}  // namespace
}  // namespace shequ::org
