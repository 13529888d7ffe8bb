// Satisfaction surveys (满意度调查): a county, township, village or community composes a
// questionnaire for the residents of units of its subtree and publishes it; the questions are
// versioned from then on (answers keep the version they answered). Residents answer on /h5/, or
// staff fill it in with them during a visit; one response per resident or per household as the
// survey says. An anonymous survey keeps no link from a response to the person (the response has
// a random id and a date, no person, and the audit entry names only the survey). Results per unit
// with roll-up: response rate, option shares with Wilson intervals, rating means with t
// intervals. Indicator 22 is counted from the responses.
//
// Every call checks the caller's scope on the server: a survey outside it is not_found.
// Thread-safe; what the constructor takes outlives the service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "kit/module.hpp"
#include "org/org_service.hpp"
#include "privacy/keyring.hpp"
#include "storage/database.hpp"
#include "surveys/model.hpp"
#include "surveys/statistics.hpp"

namespace shequ::surveys {

inline constexpr std::size_t kMaxTitle = 100;
inline constexpr std::size_t kMaxDescription = 1000;
inline constexpr std::size_t kMaxTargets = 200;
inline constexpr int64_t kMaxOpenDays = 366;
// Texts shown per question in the results (the Excel download has them all).
inline constexpr int64_t kTextsShown = 50;

struct SurveyInput {
  std::string unit;
  std::string title;
  std::string description;
  bool anonymous = false;
  std::string per;
  std::vector<std::string> target;
  std::string opens_at;   // format_timestamp
  std::string closes_at;  // format_timestamp
  std::vector<Question> questions;
};

struct SurveyView {
  Survey survey;
  std::string unit_name;
  std::string phase;                // draft, scheduled, open, closed
  std::vector<Question> questions;  // the draft's, or the current version's
  std::vector<QuestionsVersion> versions;
  int64_t responses = 0;
};

// A survey as a resident sees it.
struct ResidentSurvey {
  SurveyView view;
  bool answered = false;
};

struct ResidentSurveys {
  std::vector<ResidentSurvey> items;
  bool linked = false;  // the account's phone is a registered resident's
};

struct OptionResult {
  Option option;
  int64_t count = 0;
  double share = 0;  // of the responses that answered the question
  Interval interval;
};

struct QuestionResult {
  Question question;
  int64_t answered = 0;
  std::vector<OptionResult> options;
  std::optional<MeanEstimate> rating;
  std::vector<int64_t> rating_counts;  // how many gave 1 … 5
  std::vector<std::string> texts;      // the newest kTextsShown
  int64_t texts_total = 0;
};

struct UnitRating {
  std::string question;
  MeanEstimate estimate;
};

struct UnitResult {
  std::string unit;
  std::string unit_name;
  int64_t eligible = 0;
  int64_t responses = 0;
  std::vector<UnitRating> ratings;
};

struct Results {
  SurveyView survey;
  std::string unit;
  std::string unit_name;
  int64_t questions_version = 0;
  int64_t eligible = 0;
  int64_t responses = 0;
  std::vector<QuestionResult> questions;
  std::vector<UnitResult> units;  // the unit's children that the target reaches
};

// One line of the results' table (their Excel download): per unit (the chosen one, then its
// children) and question, an option's count and share, or a rating's mean and interval.
struct ResultRow {
  std::string unit;
  std::string unit_name;
  std::string question;
  std::string question_title;
  std::string answer;  // an option's label, "平均分", or "填写人数"
  int64_t count = 0;
  std::optional<double> share;
  std::optional<double> mean;
  std::optional<Interval> interval;
};

class SurveyService {
 public:
  SurveyService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                const Clock& clock, const privacy::Keyring& keyring);

  // A draft. Every field is checked at once.
  Result<SurveyView> create(const Actor& actor, const SurveyInput& input) const;
  // Rewrites a survey at `version`. Once published only the title, description, closing time and
  // questions may change (the others must come back unchanged), and changed questions are a new
  // version. A closed survey does not change.
  Result<SurveyView> update(const Actor& actor, int64_t id, int64_t version,
                            const SurveyInput& input) const;
  // Publishes a draft: its questions become version 1.
  Result<SurveyView> publish(const Actor& actor, int64_t id, int64_t version) const;
  Result<SurveyView> close(const Actor& actor, int64_t id, int64_t version) const;

  Result<SurveyView> find(const Actor& actor, int64_t id) const;
  // Surveys run in the caller's scope or reaching into it; phase "" any.
  Result<org::Page<SurveyView>> list(const Actor& actor, const std::string& phase,
                                     const org::PageRequest& page) const;

  // Results over `unit`'s subtree ("" the caller's nearest unit that the survey concerns) for
  // questions version `version` (0 the current one).
  Result<Results> results(const Actor& actor, int64_t id, const std::string& unit,
                          int64_t version) const;
  // The same as table rows.
  Result<std::vector<ResultRow>> result_rows(const Actor& actor, int64_t id,
                                             const std::string& unit, int64_t version,
                                             Locale locale) const;

  // The results over `unit` of the surveys published that concern it (run in its subtree or
  // reaching into it) and opened in China year `year`, oldest first; those the caller may not
  // read are left out.
  Result<std::vector<Results>> year_results(const Actor& actor, const std::string& unit,
                                            int year) const;

  // Staff fill the survey in with `person` (in their scope and the target) during a visit.
  Status collect(const Actor& actor, int64_t id, int64_t person,
                 const std::vector<Answer>& answers) const;

  // The open and scheduled surveys that reach the caller (a resident), through the register
  // person whose phone is the account's.
  Result<ResidentSurveys> mine(const Actor& actor) const;
  Result<ResidentSurvey> open_mine(const Actor& actor, int64_t id) const;
  Status answer(const Actor& actor, int64_t id, const std::vector<Answer>& answers) const;

  // Indicator 22 for China dates [first_day, last_day]: for every village and community that the
  // target of a survey open in that period reaches, 1 when a response from it came in the period.
  Result<std::vector<kit::UnitCounts>> indicator_counts(const std::string& first_day,
                                                        const std::string& last_day) const;

 private:
  struct Respondent {
    int64_t person_id = 0;
    std::optional<int64_t> household_id;
    std::string unit_code;
    std::string grid_code;
  };
  Result<SurveyInput> validated(const Actor& actor, const SurveyInput& input) const;
  Result<SurveyView> view_of(storage::Session& s, Survey survey) const;
  Result<Survey> visible(storage::Session& s, const Actor& actor, int64_t id) const;
  Result<std::optional<Respondent>> respondent_of(storage::Session& s, const Actor& actor) const;
  bool reaches(const Survey& survey, const std::string& code) const;
  Status submit(storage::Session& s, const Actor& actor, std::string_view permission,
                const Survey& survey, const Respondent& who, const std::string& channel,
                const std::vector<Answer>& answers) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const privacy::Keyring& keyring_;
};

}  // namespace shequ::surveys
