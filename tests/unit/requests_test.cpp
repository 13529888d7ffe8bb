// The requests module's rules without a database: the state machine for every state, action and
// party; working days on the State Council's calendar; the checks of a category's answers; and
// how a contact's name is masked.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include <fmt/format.h>

#include "privacy/validators.hpp"
#include "requests/calendar.hpp"
#include "requests/catalogue.hpp"
#include "requests/workflow.hpp"

namespace shequ::requests {
namespace {

// The machine as docs/requests.md states it, written out independently of workflow.cpp: for each
// action, who may take it, from which states, and where it leads ("=" keeps the state).
struct Allowed {
  std::set<Role> roles;
  std::set<State> from;
  std::string to;
};

const std::map<std::string, Allowed>& specification() {
  using enum State;
  using R = Role;
  static const std::map<std::string, Allowed> spec{
      {"accept", {{R::handler}, {submitted}, "accepted"}},
      {"start", {{R::handler}, {accepted}, "in_progress"}},
      {"resolve", {{R::handler}, {accepted, in_progress}, "resolved"}},
      {"close", {{R::handler, R::supervisor}, {resolved}, "closed"}},
      {"transfer", {{R::handler, R::supervisor}, {submitted, accepted, in_progress}, "submitted"}},
      {"return", {{R::handler}, {submitted}, "submitted"}},
      {"add_co_handler", {{R::handler, R::supervisor}, {accepted, in_progress}, "="}},
      {"co_report", {{R::co_handler}, {accepted, in_progress}, "="}},
      {"supervise", {{R::supervisor}, {submitted, accepted, in_progress}, "="}},
      {"escalate", {{R::system}, {submitted, accepted, in_progress}, "="}},
      {"merge", {{R::handler, R::supervisor}, {submitted, accepted, in_progress}, "closed"}},
      {"reopen", {{R::supervisor, R::system}, {resolved, closed}, "in_progress"}},
      {"withdraw", {{R::resident}, {submitted}, "closed"}},
      {"rate", {{R::resident}, {resolved, closed}, "closed"}},
      {"follow_up", {{R::handler, R::supervisor}, {resolved, closed}, "="}},
  };
  return spec;
}

TEST(RequestWorkflow, EveryStateActionAndPartyAnswersAsSpecified) {
  int cells = 0;
  for (State from : all_states()) {
    for (Action action : all_actions()) {
      const std::string key(action_key(action));
      ASSERT_TRUE(specification().contains(key)) << key;
      const Allowed& allowed = specification().at(key);
      for (Role role : all_roles()) {
        ++cells;
        const auto next = next_state(from, action, role);
        const std::string where =
            std::string(state_key(from)) + " " + key + " by " + std::string(role_key(role));
        if (!allowed.roles.contains(role)) {
          ASSERT_FALSE(next) << where;
          EXPECT_EQ(next.error().code, ErrorCode::forbidden) << where;
        } else if (!allowed.from.contains(from)) {
          ASSERT_FALSE(next) << where;
          EXPECT_EQ(next.error().code, ErrorCode::conflict) << where;
          EXPECT_NE(next.error().message.zh.find(state_label(from).zh), std::string::npos)
              << "the refusal names the state: " << next.error().message.zh;
        } else {
          ASSERT_TRUE(next) << where;
          EXPECT_EQ(state_key(*next), allowed.to == "=" ? state_key(from) : allowed.to) << where;
        }
      }
    }
  }
  EXPECT_EQ(cells, 5 * 15 * 5);
}

TEST(RequestWorkflow, KeysReadBackAndOnlyTheFirstThreeStatesAreOpen) {
  for (State s : all_states()) EXPECT_EQ(parse_state(state_key(s)), s);
  for (Action a : all_actions()) EXPECT_EQ(parse_action(action_key(a)), a);
  EXPECT_FALSE(parse_state("done"));
  EXPECT_FALSE(parse_action("delete"));
  EXPECT_TRUE(is_open(State::submitted) && is_open(State::accepted) && is_open(State::in_progress));
  EXPECT_FALSE(is_open(State::resolved) || is_open(State::closed));
}

// 2026 as the State Council published it (国办发明电〔2025〕7号), the parts the cases below cross.
WorkCalendar calendar_2026() {
  std::vector<CalendarDay> days{{"2026-01-01", false, "元旦"}, {"2026-01-02", false, "元旦"},
                                {"2026-01-03", false, "元旦"}, {"2026-01-04", true, "元旦"},
                                {"2026-02-14", true, "春节"},  {"2026-02-28", true, "春节"},
                                {"2026-10-10", true, "国庆节"}};
  for (int d = 15; d <= 23; ++d) days.push_back({fmt::format("2026-02-{}", d), false, "春节"});
  for (int d = 1; d <= 7; ++d) days.push_back({fmt::format("2026-10-0{}", d), false, "国庆节"});
  return WorkCalendar(days);
}

TimePoint china(const char* date, int hour) {
  return china_day_start(date) + std::chrono::hours(hour);
}

TEST(WorkCalendar, WorkingDaysFollowHolidaysAndTheWeekendsWorkedInExchange) {
  const WorkCalendar calendar = calendar_2026();
  EXPECT_TRUE(calendar.is_working_day("2026-01-04")) << "a Sunday worked for New Year";
  EXPECT_FALSE(calendar.is_working_day("2026-01-02")) << "a Friday off";
  EXPECT_FALSE(calendar.is_working_day("2026-03-07")) << "an ordinary Saturday";
  EXPECT_TRUE(calendar.is_working_day("2026-03-09")) << "an ordinary Monday";
  struct Case {
    const char* received;  // China date, received at 10:00 China time
    int days;
    const char* due;  // the China date whose end is the deadline
  };
  const std::vector<Case> cases{
      {"2026-03-09", 1, "2026-03-10"},   // Monday: Tuesday
      {"2026-03-13", 1, "2026-03-16"},   // Friday: over the weekend to Monday
      {"2026-03-14", 1, "2026-03-16"},   // received on a Saturday: Monday
      {"2026-03-09", 7, "2026-03-18"},   // a general request
      {"2026-03-09", 15, "2026-03-30"},  // a complex one
      {"2025-12-31", 1, "2026-01-04"},   // New Year: the Sunday worked
      {"2026-02-13", 1, "2026-02-14"},   // the Saturday before Spring Festival is worked
      {"2026-02-14", 2, "2026-02-25"},   // nine days off, then Tuesday 24 and Wednesday 25
      {"2026-02-14", 7, "2026-03-03"},   // 24 to 27, the Saturday 28 worked, 2 and 3 March
      {"2026-09-30", 7, "2026-10-15"},   // National Day: 8, 9, 10 (Saturday), 12, 13, 14, 15
  };
  for (const Case& c : cases) {
    EXPECT_EQ(calendar.after_working_days(china(c.received, 10), c.days), china_day_end(c.due))
        << c.received << " + " << c.days;
  }
}

TEST(WorkCalendar, AnAdministratorsDayIsCheckedForEveryProblemAtOnce) {
  EXPECT_TRUE(check_calendar_day({"2027-02-06", true, "春节"}, "days[0]."));  // a Saturday
  const auto weekday = check_calendar_day({"2027-02-08", true, ""}, "days[1].");
  ASSERT_FALSE(weekday);
  ASSERT_EQ(weekday.error().details.size(), 2u);
  EXPECT_EQ(weekday.error().details[0].field, "days[1].working");
  EXPECT_EQ(weekday.error().details[1].field, "days[1].name");
  EXPECT_FALSE(check_calendar_day({"2027-02-30", false, "春节"}, ""));
}

TEST(RequestDeadlines, EachClassGivesItsLimits) {
  const WorkCalendar calendar = calendar_2026();
  const TimePoint friday_evening = china("2026-03-13", 20);
  const auto due = [&](const char* key, bool accept) {
    const TimeLimitClass* c = find_time_limit_class(key);
    return deadline_after(friday_evening, accept ? c->accept : c->resolve, calendar);
  };
  EXPECT_EQ(due("emergency", true), friday_evening + std::chrono::minutes(30));
  EXPECT_EQ(due("emergency", false), friday_evening + std::chrono::hours(2));
  EXPECT_EQ(due("utility", false), friday_evening + std::chrono::hours(24)) << "weekend or not";
  EXPECT_EQ(due("general", true), china_day_end("2026-03-16"));
  EXPECT_EQ(due("general", false), china_day_end("2026-03-24"));
  EXPECT_EQ(due("complex", false), china_day_end("2026-04-03"));
  EXPECT_EQ(find_time_limit_class("urgent"), nullptr);
}

TEST(RequestAnswers, EachQuestionIsAnsweredInItsTypeAndNothingElseIsTaken) {
  const std::vector<Attribute> asked{
      {"trapped", {"是否有人被困", "Someone trapped"}, "boolean", true, {}},
      {"households", {"影响户数", "Households affected"}, "number", false, {}},
      {"kind", {"隐患类型", "Kind of hazard"}, "choice", false, {"用电", "用气"}},
      {"building", {"楼栋", "Building"}, "text", false, {}}};
  const auto good = check_answers(
      asked,
      Json{{"trapped", true}, {"households", 12}, {"kind", " 用气 "}, {"building", "3号楼"}});
  ASSERT_TRUE(good) << good.error().details[0].field;
  EXPECT_EQ(*good,
            (Json{{"trapped", true}, {"households", 12}, {"kind", "用气"}, {"building", "3号楼"}}));
  EXPECT_EQ(*check_answers(asked, Json{{"trapped", false}}), (Json{{"trapped", false}}));

  const auto bad = check_answers(asked, Json{{"households", "many"},
                                             {"kind", "用水"},
                                             {"building", std::string(201, 'x')},
                                             {"floor", 5}});
  ASSERT_FALSE(bad);
  std::set<std::string> fields;
  for (const FieldError& e : bad.error().details) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"attributes.floor", "attributes.trapped",
                                           "attributes.households", "attributes.kind",
                                           "attributes.building"}));
  EXPECT_FALSE(check_answers(asked, Json::array()));
}

TEST(RequestAnswers, AttributesReadBackAsStored) {
  const std::vector<Attribute> asked{
      {"kind", {"隐患类型", "Kind of hazard"}, "choice", true, {"用电", "用气"}}};
  const auto back = attributes_of(attributes_json(asked));
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].choices, asked[0].choices);
  EXPECT_TRUE((*back)[0].required);
  EXPECT_FALSE(attributes_of(Json{{"key", "x"}}));
}

TEST(ContactMasking, NamesKeepTheirFirstAndLastCharacter) {
  EXPECT_EQ(privacy::mask_name("张三丰"), "张*丰");
  EXPECT_EQ(privacy::mask_name("张三"), "张*");
  EXPECT_EQ(privacy::mask_name("欧阳娜娜"), "欧**娜");
  EXPECT_EQ(privacy::mask_name("李"), "*");
  EXPECT_EQ(privacy::mask_name(""), "");
  EXPECT_EQ(privacy::mask_name("Li Lei"), "L****i");
}

}  // namespace
}  // namespace shequ::requests
