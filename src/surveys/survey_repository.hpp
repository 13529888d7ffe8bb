// SQL of the surveys module. Every function runs inside the caller's transaction; scoped reads
// take the roots of the caller's subtrees (storage::in_subtrees).
//
// Thread-safe: free functions over the caller's session.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "org/model.hpp"
#include "storage/database.hpp"
#include "surveys/model.hpp"

namespace shequ::surveys::repository {

// Inserts a survey with its target; returns its id.
Result<int64_t> insert_survey(storage::Session& s, const Survey& survey);
Result<std::optional<Survey>> find_survey(storage::Session& s, int64_t id);
// Rewrites it (and its target) at `expected_version`; false when it changed since.
Result<bool> update_survey(storage::Session& s, const Survey& survey, int64_t expected_version);

// Surveys whose unit or one of whose target units lies in `roots`' subtrees, or whose target
// includes one of `reach` (the roots' ancestors), newest first; phase "" any, else as phase() says
// at `now`.
Result<org::Page<Survey>> list_surveys(storage::Session& s, const std::vector<std::string>& roots,
                                       const std::vector<std::string>& reach,
                                       const std::string& phase, const std::string& now,
                                       const org::PageRequest& page);
// The published surveys, not closed at `now`, whose target includes one of `units`.
Result<std::vector<Survey>> surveys_for(storage::Session& s, const std::vector<std::string>& units,
                                        const std::string& now);

Status insert_version(storage::Session& s, int64_t survey_id, const QuestionsVersion& version);
// Oldest first, with their responses.
Result<std::vector<QuestionsVersion>> versions(storage::Session& s, int64_t survey_id);
// Responses per survey, all versions.
Result<std::map<int64_t, int64_t>> response_counts(storage::Session& s,
                                                   const std::vector<int64_t>& survey_ids);

// Records that `respondent` answered; false when they already had.
Result<bool> add_participant(storage::Session& s, int64_t survey_id, const std::string& respondent);
// Of `survey_ids`, those `respondents` (any of them) answered.
Result<std::set<int64_t>> answered(storage::Session& s, const std::vector<int64_t>& survey_ids,
                                   const std::vector<std::string>& respondents);

struct Response {
  int64_t id = 0;  // random
  int64_t survey_id = 0;
  int64_t version_number = 0;
  std::string unit_code;
  std::optional<int64_t> person_id;  // identified surveys only
  std::string channel;               // h5 or staff
  std::string received_on;           // China date
};
// False when the random id is taken (the caller draws another).
Result<bool> insert_response(storage::Session& s, const Response& response,
                             const std::vector<Answer>& answers);

// Sums of one version's answers over the responses from units in `roots`' subtrees, by the
// respondents' units.
struct UnitQuestionSums {
  std::string unit;
  std::string question;
  int64_t answered = 0;  // responses that answered it
  int64_t ratings = 0, rating_sum = 0, rating_squares = 0;
};
struct UnitOptionCount {
  std::string unit;
  std::string question;
  std::string choice;  // an option's id, or a rating as "1" … "5"
  int64_t count = 0;
};
Result<std::map<std::string, int64_t>> responses_by_unit(storage::Session& s, int64_t survey_id,
                                                         int64_t version,
                                                         const std::vector<std::string>& roots);
Result<std::vector<UnitQuestionSums>> question_sums(storage::Session& s, int64_t survey_id,
                                                    int64_t version,
                                                    const std::vector<std::string>& roots);
Result<std::vector<UnitOptionCount>> option_counts(storage::Session& s, int64_t survey_id,
                                                   int64_t version,
                                                   const std::vector<std::string>& roots);
// The newest `limit` texts given to `question`.
Result<std::vector<std::string>> texts(storage::Session& s, int64_t survey_id, int64_t version,
                                       const std::string& question,
                                       const std::vector<std::string>& roots, int64_t limit);

// Who could answer, by village or community in `roots`' subtrees: the people living there now,
// or the households they live in.
Result<std::map<std::string, int64_t>> eligible_by_unit(storage::Session& s,
                                                        const std::vector<std::string>& roots,
                                                        bool households);

// For indicator 22: the targets of the surveys published and open at some time in [from, until)
// (timestamps), and the units with a response received on a China date in [first_day, last_day].
Result<std::vector<std::string>> targets_open_between(storage::Session& s, const std::string& from,
                                                      const std::string& until);
Result<std::set<std::string>> units_with_responses(storage::Session& s,
                                                   const std::string& first_day,
                                                   const std::string& last_day);

}  // namespace shequ::surveys::repository
