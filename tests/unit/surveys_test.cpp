// The rules of surveys' questions and answers, and the intervals their results carry: checked
// case by case against values worked out by hand or read from a t table.
#include <gtest/gtest.h>

#include <set>

#include "surveys/model.hpp"
#include "surveys/statistics.hpp"

namespace shequ::surveys {
namespace {

std::set<std::string> fields_of(const Error& e) {
  std::set<std::string> out;
  for (const FieldError& d : e.details) out.insert(d.field);
  return out;
}

Question single(const std::string& id, std::vector<std::string> options,
                std::optional<ShowIf> show_if = std::nullopt) {
  Question q{id, std::string(kSingle), "问题 " + id, true, {}, std::move(show_if)};
  for (const std::string& o : options) q.options.push_back({o, "选项 " + o});
  return q;
}

Question of_kind(const std::string& id, std::string_view kind, bool required = true) {
  return {id, std::string(kind), "问题 " + id, required, {}, std::nullopt};
}

TEST(SurveyStatistics, TheTQuantileMatchesTheTable) {
  // Two-sided 95%: the 0.975 quantile, as printed in every t table.
  const std::vector<std::pair<int64_t, double>> table{
      {1, 12.706}, {2, 4.303}, {3, 3.182}, {5, 2.571}, {11, 2.201}, {30, 2.042}, {1000, 1.962}};
  for (const auto& [degrees, quantile] : table) {
    EXPECT_NEAR(t_quantile_95(degrees), quantile, 0.0005) << degrees;
  }
}

TEST(SurveyStatistics, TwelveAnswersAreNotReadLikeTwelveHundred) {
  // The same spread of ratings (a quarter each of 2, 3, 4 and 5), 12 times and 1,200 times.
  const auto sums = [](int64_t each) {
    RatingSums s;
    for (int64_t v = 2; v <= 5; ++v) {
      s.n += each;
      s.sum += v * each;
      s.sum_of_squares += v * v * each;
    }
    return s;
  };
  const MeanEstimate few = estimate_mean(sums(3), 1, 5);
  const MeanEstimate many = estimate_mean(sums(300), 1, 5);
  EXPECT_DOUBLE_EQ(few.mean, 3.5);
  EXPECT_DOUBLE_EQ(many.mean, 3.5);
  ASSERT_TRUE(few.interval && many.interval);
  // sd of 12: sqrt(15 / 11) = 1.1677; t(11) = 2.201: ±0.742. Of 1,200: sd 1.1185, ±0.0634.
  EXPECT_NEAR(few.interval->high - few.interval->low, 2 * 0.7419, 0.001);
  EXPECT_NEAR(many.interval->high - many.interval->low, 2 * 0.0634, 0.001);
}

TEST(SurveyStatistics, AMeanOfOneHasNoIntervalAndIntervalsStayOnTheScale) {
  const MeanEstimate one = estimate_mean({1, 4, 16}, 1, 5);
  EXPECT_DOUBLE_EQ(one.mean, 4);
  EXPECT_FALSE(one.interval);
  // 5, 4, 4, 2: mean 3.75, sd 1.258, t(3) 3.182: 1.748 to 5.752, cut at 5.
  const MeanEstimate four = estimate_mean({4, 15, 61}, 1, 5);
  EXPECT_NEAR(four.sd, 1.2583, 0.0001);
  ASSERT_TRUE(four.interval);
  EXPECT_NEAR(four.interval->low, 1.7478, 0.0001);
  EXPECT_DOUBLE_EQ(four.interval->high, 5);
  // All the same: no spread, the interval is the point.
  const MeanEstimate same = estimate_mean({3, 15, 75}, 1, 5);
  EXPECT_DOUBLE_EQ(same.sd, 0);
  EXPECT_DOUBLE_EQ(same.interval->low, 5);
  EXPECT_DOUBLE_EQ(same.interval->high, 5);
}

TEST(SurveyStatistics, WilsonIntervalsAreSoundAtTheEdges) {
  struct Case {
    int64_t count, n;
    double low, high;
  };
  for (const Case& c : std::vector<Case>{{0, 10, 0, 0.2775},
                                         {10, 10, 0.7225, 1},
                                         {2, 4, 0.1500, 0.8500},
                                         {1, 1, 0.2065, 1},
                                         {50, 100, 0.4038, 0.5962}}) {
    const Interval i = wilson_interval(c.count, c.n);
    EXPECT_NEAR(i.low, c.low, 0.0005) << c.count << "/" << c.n;
    EXPECT_NEAR(i.high, c.high, 0.0005) << c.count << "/" << c.n;
  }
}

TEST(SurveyQuestions, EveryProblemIsNamedAtOnce) {
  struct Case {
    const char* what;
    std::vector<Question> questions;
    std::set<std::string> fields;
  };
  Question rating_with_options = of_kind("r", kRating);
  rating_with_options.options = {{"a", "甲"}, {"b", "乙"}};
  Question untitled = of_kind("t", kText);
  untitled.title = "  ";
  const std::vector<Case> cases{
      {"none", {}, {"questions"}},
      {"a bad id", {of_kind("Q 1", kRating)}, {"questions[0].id"}},
      {"the same id twice", {of_kind("a", kRating), of_kind("a", kText)}, {"questions[1].id"}},
      {"an unknown kind", {of_kind("a", "date")}, {"questions[0].kind"}},
      {"one option", {single("a", {"x"})}, {"questions[0].options"}},
      {"the same option twice", {single("a", {"x", "x"})}, {"questions[0].options[1].id"}},
      {"options on a rating", {rating_with_options}, {"questions[0].options"}},
      {"no title", {untitled}, {"questions[0].title"}},
      {"a condition on a later question",
       {single("a", {"x", "y"}, ShowIf{"b", {"x"}}), single("b", {"x", "y"})},
       {"questions[0].showIf.question"}},
      {"a condition on a text",
       {of_kind("a", kText), single("b", {"x", "y"}, ShowIf{"a", {"x"}})},
       {"questions[1].showIf.question"}},
      {"a condition on an option that is not there",
       {single("a", {"x", "y"}), single("b", {"x", "y"}, ShowIf{"a", {"z"}})},
       {"questions[1].showIf.options"}},
      {"a condition without options",
       {single("a", {"x", "y"}), single("b", {"x", "y"}, ShowIf{"a", {}})},
       {"questions[1].showIf.options"}},
  };
  for (const Case& c : cases) {
    const auto checked = checked_questions(c.questions);
    ASSERT_FALSE(checked) << c.what;
    EXPECT_EQ(fields_of(checked.error()), c.fields) << c.what;
  }
  const auto good = checked_questions(
      {single("a", {"x", "y"}), of_kind("b", kText, false), of_kind("c", kRating)});
  ASSERT_TRUE(good) << good.error().message.en;
}

TEST(SurveyAnswers, ConditionsRequirementsAndValues) {
  const std::vector<Question> questions{of_kind("overall", kRating),
                                        single("joined", {"yes", "no"}),
                                        [] {
                                          Question q = of_kind("why", kText, false);
                                          q.show_if = ShowIf{"joined", {"no"}};
                                          return q;
                                        }(),
                                        [] {
                                          Question q = single("more", {"meal", "care"});
                                          q.kind = std::string(kMultiple);
                                          q.required = false;
                                          return q;
                                        }()};
  // Shown only after "no".
  EXPECT_FALSE(shown(questions[2], {{"joined", {"yes"}}}));
  EXPECT_TRUE(shown(questions[2], {{"joined", {"no"}}}));
  EXPECT_FALSE(shown(questions[2], {}));

  const auto good =
      checked_answers(questions, {{"joined", {"no"}, std::nullopt, std::nullopt},
                                  {"overall", {}, 4, std::nullopt},
                                  {"why", {}, std::nullopt, std::string("  上班  ")},
                                  {"more", {"meal", "meal"}, std::nullopt, std::nullopt}});
  ASSERT_TRUE(good) << good.error().message.en;
  ASSERT_EQ(good->size(), 4u);
  EXPECT_EQ((*good)[0].question, "overall") << "in the questions' order";
  EXPECT_EQ((*good)[2].text, "上班") << "trimmed";
  EXPECT_EQ((*good)[3].choices, std::vector<std::string>{"meal"}) << "once";
  // An empty optional answer is dropped, not stored.
  const auto empty = checked_answers(questions, {{"overall", {}, 3, std::nullopt},
                                                 {"joined", {"yes"}, std::nullopt, std::nullopt},
                                                 {"more", {}, std::nullopt, std::string("")}});
  ASSERT_TRUE(empty) << empty.error().message.en;
  EXPECT_EQ(empty->size(), 2u);

  struct Case {
    const char* what;
    std::vector<Answer> answers;
    std::set<std::string> fields;
  };
  const std::vector<Case> cases{
      {"nothing", {}, {"answers"}},
      {"a rating of 0",
       {{"overall", {}, 0, std::nullopt}, {"joined", {"yes"}, std::nullopt, std::nullopt}},
       {"answers[0].rating"}},
      {"a hidden question answered",
       {{"overall", {}, 3, std::nullopt},
        {"joined", {"yes"}, std::nullopt, std::nullopt},
        {"why", {}, std::nullopt, std::string("x")}},
       {"answers[2]"}},
      {"a question twice",
       {{"overall", {}, 3, std::nullopt},
        {"overall", {}, 4, std::nullopt},
        {"joined", {"yes"}, std::nullopt, std::nullopt}},
       {"answers[1].question"}},
      {"text for a rating",
       {{"overall", {}, std::nullopt, std::string("很好")},
        {"joined", {"yes"}, std::nullopt, std::nullopt}},
       {"answers[0].text", "answers[0].rating"}},
  };
  for (const Case& c : cases) {
    const auto checked = checked_answers(questions, c.answers);
    ASSERT_FALSE(checked) << c.what;
    EXPECT_EQ(fields_of(checked.error()), c.fields) << c.what;
  }
}

TEST(SurveyPhase, WhatAReaderSeesAtEachTime) {
  Survey s;
  s.status = std::string(kDraft);
  s.opens_at = "2026-12-01T00:00:00.000Z";
  s.closes_at = "2026-12-10T00:00:00.000Z";
  EXPECT_EQ(phase(s, "2026-12-05T00:00:00.000Z"), "draft");
  s.status = std::string(kPublished);
  EXPECT_EQ(phase(s, "2026-11-30T00:00:00.000Z"), "scheduled");
  EXPECT_EQ(phase(s, "2026-12-01T00:00:00.000Z"), "open");
  EXPECT_EQ(phase(s, "2026-12-10T00:00:00.000Z"), "closed");
  s.status = std::string(kClosed);
  EXPECT_EQ(phase(s, "2026-12-05T00:00:00.000Z"), "closed");
}

}  // namespace
}  // namespace shequ::surveys
