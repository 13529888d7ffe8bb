// Contracts for community services bought from social organisations, the services delivered
// against them and their evaluations as stored, and their SQL. Every function runs inside the
// caller's transaction; scoped reads take the roots of the caller's subtrees
// (storage::in_subtrees).
//
// Thread-safe: plain data and free functions over the caller's session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/choice.hpp"
#include "common/result.hpp"
#include "org/model.hpp"
#include "storage/database.hpp"

namespace shequ::services {

inline constexpr std::string_view kActive = "active";
inline constexpr std::string_view kEvaluated = "evaluated";

// What the clock makes of a contract: upcoming (before its start), running, ended (its period
// over, not evaluated yet) and evaluated.
inline constexpr std::string_view kUpcoming = "upcoming";
inline constexpr std::string_view kRunning = "running";
inline constexpr std::string_view kEnded = "ended";

const std::vector<Choice>& states();  // active, evaluated
const std::vector<Choice>& phases();  // upcoming, running, ended, evaluated
// excellent (90 and up), good (80), pass (60), fail: the bands officials grade evaluations in.
const std::vector<Choice>& grades();
std::string_view grade_of(int64_t score);
// The phase of a contract in `state` with this period on China date `today`.
std::string_view phase_of(std::string_view state, const std::string& starts_on,
                          const std::string& ends_on, const std::string& today);

struct Contract {
  int64_t id = 0;
  std::string unit_code;  // the buyer
  int64_t organisation_id = 0;
  std::string organisation_name;  // read, not stored
  std::string organisation_kind;  // read, not stored
  std::string organisation_area;  // read, not stored
  std::string title;
  std::string category;
  std::string content;
  std::string target_text;
  int64_t target_people = 0;
  int64_t amount_fen = 0;
  std::string funding_source;
  std::string starts_on;
  std::string ends_on;
  std::optional<int64_t> survey_id;
  std::string survey_title;
  std::string survey_question;
  std::string survey_question_title;
  std::string state{kActive};
  int64_t records = 0;
  int64_t people_served = 0;
  std::optional<int64_t> created_by;
  std::string created_by_name;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  // Read, not stored: its evaluation's score, grade and satisfaction mean, when evaluated.
  std::optional<int64_t> score;
  std::string grade;
  std::optional<double> satisfaction_mean;
};

struct ServiceRecord {
  int64_t id = 0;
  int64_t contract_id = 0;
  std::string served_on;
  std::string unit_code;
  std::string place;
  std::string content;
  int64_t people_served = 0;
  std::optional<int64_t> recorded_by;
  std::string recorded_by_name;
  std::string recorded_at;
  std::string void_reason;
  std::string voided_by_name;
  std::optional<std::string> voided_at;
};

struct Satisfaction {
  int64_t responses = 0;  // who answered the rating question
  double mean = 0;        // on the 1–5 scale; 0 when nobody answered
  std::optional<double> low;
  std::optional<double> high;
};

struct Evaluation {
  int64_t contract_id = 0;
  std::string evaluated_on;
  int64_t score = 0;
  std::string grade;
  std::string comment;
  int64_t records = 0;
  int64_t people_served = 0;
  int64_t target_people = 0;
  std::optional<Satisfaction> satisfaction;  // none when no survey was linked
  std::optional<int64_t> evaluated_by;
  std::string evaluated_by_name;
  std::string evaluated_at;
};

// An evaluation with the title and buyer of its contract.
struct ContractEvaluation {
  Evaluation evaluation;
  std::string title;
  std::string unit_code;
};

// The contracts a caller reads: those bought within their subtrees (roots), and those bought by
// the units above them (above), since a street's contract serves its communities.
struct Reach {
  std::vector<std::string> roots;
  std::vector<std::string> above;
};

struct ContractFilter {
  Reach reach;
  std::optional<int> year;  // the period overlaps it
  std::optional<int64_t> organisation_id;
  std::string phase;  // "" any
  std::string today;  // China date, for the phase
};

// What a provider did for the units in scope.
struct ProviderSummary {
  int64_t organisation_id = 0;
  std::string name;
  std::string kind;
  std::string area_code;
  int64_t contracts = 0;
  int64_t amount_fen = 0;
  int64_t evaluated = 0;
  std::optional<double> mean_score;
  std::string last_grade;  // "" none evaluated
};

namespace repository {

Result<int64_t> insert_contract(storage::Session& s, const Contract& c);
// Rewrites the contract's terms at `c.version` (then one more) while it is active; false when
// the version or the state has moved on.
Result<bool> update_contract(storage::Session& s, const Contract& c);
Result<std::optional<Contract>> find_contract(storage::Session& s, int64_t id);
// Newest first.
Result<org::Page<Contract>> list_contracts(storage::Session& s, const ContractFilter& filter,
                                           const org::PageRequest& page);
// Active contracts bought within `roots` whose period ended before `today`.
Result<int64_t> count_ended(storage::Session& s, const std::vector<std::string>& roots,
                            const std::string& today);

// Counts the record in its active contract; false when the contract is not active (nothing is
// written then).
Result<bool> insert_record(storage::Session& s, ServiceRecord& record);
Result<std::optional<ServiceRecord>> find_record(storage::Session& s, int64_t id);
// Voids a record not voided yet of an active contract, taking it out of the contract's counts;
// false when it was voided already or the contract is no longer active.
Result<bool> void_record(storage::Session& s, const ServiceRecord& record);
// Newest served first.
Result<org::Page<ServiceRecord>> list_records(storage::Session& s, int64_t contract_id,
                                              const org::PageRequest& page);
// The earliest and the latest day served of the contract's records not voided.
Result<std::optional<std::pair<std::string, std::string>>> served_span(storage::Session& s,
                                                                       int64_t contract_id);

// Marks the contract evaluated at `version` and writes the evaluation; false when the version
// or the state has moved on.
Result<bool> insert_evaluation(storage::Session& s, const Evaluation& e, int64_t version,
                               const std::string& now);
Result<std::optional<Evaluation>> find_evaluation(storage::Session& s, int64_t contract_id);

// Providers of the contracts in reach, most contracts first.
Result<org::Page<ProviderSummary>> list_providers(storage::Session& s, const Reach& reach,
                                                  std::optional<int64_t> organisation_id,
                                                  const org::PageRequest& page);
// The evaluations of a provider's contracts in reach, newest first.
Result<std::vector<ContractEvaluation>> provider_evaluations(storage::Session& s,
                                                             const Reach& reach,
                                                             int64_t organisation_id);

}  // namespace repository

}  // namespace shequ::services
