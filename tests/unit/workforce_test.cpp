// The plan's training rules over a roster (workforce/compliance.hpp), case by case: who counts
// where on a day, and who still needs training, at the edges of each rule.
#include <gtest/gtest.h>

#include "workforce/compliance.hpp"

namespace shequ::workforce {
namespace {

constexpr const char* kUnit = "620102001001";

Post post(int64_t worker, Position position, const char* from,
          std::optional<std::string> until = std::nullopt) {
  return {.worker_id = worker,
          .unit_code = kUnit,
          .position = position,
          .started_on = from,
          .ended_on = std::move(until)};
}

RosterInput input_of(std::vector<Post> posts, std::vector<CompletedCourse> training,
                     std::map<int64_t, bool> social = {}) {
  return {.year_start = "2026-01-01",
          .day = "2026-11-30",
          .posts = std::move(posts),
          .training = std::move(training),
          .social_service = std::move(social)};
}

std::vector<Need> needs_of(const RosterStanding& standing, int64_t worker) {
  for (const Standing& s : standing.workers) {
    if (s.worker_id == worker) return s.needs;
  }
  return {};
}

struct NeedCase {
  const char* name;
  Position position;
  std::vector<CompletedCourse> training;
  bool social_service;
  std::vector<Need> needs;
};

TEST(WorkforceRules, EachRuleAtItsEdges) {
  const std::vector<NeedCase> cases{
      {"leader trained by the county this year",
       Position::secretary,
       {{1, "2026-01-01", CourseLevel::county, 8}},
       false,
       {}},
      {"leader trained by the city this year",
       Position::director,
       {{1, "2026-11-30", CourseLevel::city, 8}},
       false,
       {}},
      {"leader trained by the township only",
       Position::secretary_director,
       {{1, "2026-05-01", CourseLevel::township, 8}},
       false,
       {Need::county_training}},
      {"leader trained by the county last year",
       Position::secretary,
       {{1, "2025-12-31", CourseLevel::county, 8}},
       false,
       {Need::county_training}},
      {"leader trained after the day counted",
       Position::secretary,
       {{1, "2026-12-01", CourseLevel::county, 8}},
       false,
       {Need::county_training}},
      {"worker trained a day less than two years ago",
       Position::grid_worker,
       {{1, "2024-12-01", CourseLevel::township, 8}},
       false,
       {}},
      {"worker trained two years ago to the day",
       Position::full_time_worker,
       {{1, "2024-11-30", CourseLevel::province, 8}},
       false,
       {Need::biennial_training}},
      {"children's director trained last year",
       Position::children_director,
       {{1, "2025-06-01", CourseLevel::county, 8}},
       false,
       {Need::children_director}},
      {"social service with 120 hours",
       Position::full_time_worker,
       {{1, "2026-01-05", CourseLevel::city, 100}, {1, "2023-01-05", CourseLevel::county, 20}},
       true,
       {}},
      {"social service with 119 hours",
       Position::full_time_worker,
       {{1, "2026-01-05", CourseLevel::city, 119}},
       true,
       {Need::hours_120}},
  };
  for (const NeedCase& c : cases) {
    const RosterStanding standing =
        assess(input_of({post(1, c.position, "2020-01-01")}, c.training, {{1, c.social_service}}));
    EXPECT_EQ(needs_of(standing, 1), c.needs) << c.name;
  }
}

TEST(WorkforceRules, OnlyPostsInForceOnTheDayCount) {
  const RosterStanding standing =
      assess(input_of({post(1, Position::secretary, "2020-01-01", "2026-11-29"),
                       post(2, Position::secretary_director, "2026-11-30"),
                       post(3, Position::reserve_secretary, "2020-01-01", "2026-11-30"),
                       post(4, Position::reserve_secretary, "2026-12-01"),
                       post(5, Position::grid_worker, "2020-01-01"),
                       post(5, Position::disaster_officer, "2021-01-01")},
                      {}));
  const UnitStanding& u = standing.units.at(kUnit);
  EXPECT_EQ(u.secretaries, 1);  // worker 2; worker 1 left the day before
  EXPECT_EQ(u.reserves, 1);     // worker 3 ends on the day; worker 4 begins after it
  EXPECT_EQ(u.main_posts, 2);   // workers 2 and 5
  EXPECT_TRUE(u.disaster_officer);
  EXPECT_FALSE(u.minors_officer);
  ASSERT_EQ(standing.workers.size(), 3u);  // 2, 3, 5
  // The main post comes first among a worker's positions.
  EXPECT_EQ(standing.workers.back().positions,
            (std::vector<Position>{Position::grid_worker, Position::disaster_officer}));
}

TEST(WorkforceRules, YearsBeforeADayKeepTheCalendar) {
  EXPECT_EQ(years_before("2026-11-30", 2), "2024-11-30");
  EXPECT_EQ(years_before("2028-02-29", 2), "2026-02-28");
  EXPECT_EQ(years_before("2026-01-01", 1), "2025-01-01");
}

}  // namespace
}  // namespace shequ::workforce
