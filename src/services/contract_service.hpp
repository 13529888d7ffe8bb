// Community services that government buys (政府购买社区服务): a county, township, village or
// community contracts a social organisation of the volunteers module (not a volunteer team) for a
// service over a period, for an amount, with targets. Staff record the services delivered
// against it (a mistaken record is voided with a reason, never deleted); after its period the
// buyer evaluates it once: a score and comment, with the figures as they stand and, when a
// satisfaction survey is linked, the residents' mean rating of the service over the buyer's unit
// (surveys module). A provider's record gathers its contracts and evaluations in the caller's
// scope. The list a unit buys in a year exports in the layout it is handed in.
//
// Every call checks the caller's scope on the server. A contract is read by those whose scope
// holds its buyer and by those within the buyer's unit (a street's contract serves its
// communities, whose workers record its services); others find it not_found. Changes and
// evaluations are the buyer's side: scope over the buyer's unit. Thread-safe; what the constructor
// takes outlives the service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "common/actor.hpp"
#include "common/clock.hpp"
#include "org/org_service.hpp"
#include "services/model.hpp"
#include "storage/database.hpp"
#include "surveys/survey_service.hpp"
#include "volunteer/organisation_service.hpp"

namespace shequ::services {

inline constexpr std::size_t kMaxTitle = 100;
inline constexpr std::size_t kMaxContent = 2000;
inline constexpr std::size_t kMaxTargetText = 500;
inline constexpr int64_t kMaxTargetPeople = 1'000'000;
inline constexpr int64_t kMaxAmountFen = 100'000'000'000;  // a billion yuan
inline constexpr std::size_t kMaxFundingSource = 100;
inline constexpr int64_t kMaxPeriodDays = 3 * 366;
inline constexpr std::size_t kMaxPlace = 100;
inline constexpr std::size_t kMaxRecordContent = 1000;
inline constexpr int64_t kMaxPeopleServed = 10'000;
inline constexpr std::size_t kMaxReason = 200;
inline constexpr std::size_t kMaxComment = 1000;
// A provider's record shows its newest contracts; its evaluations are all there.
inline constexpr int64_t kProviderContractsShown = 100;

struct ContractInput {
  std::string unit;  // the buyer: a county, township, village or community
  int64_t organisation_id = 0;
  std::string title;
  std::string category;  // lists::categories()
  std::string content;
  std::string target_text;
  int64_t target_people = 0;
  int64_t amount_fen = 0;
  std::string funding_source;
  std::string starts_on;
  std::string ends_on;
  std::optional<int64_t> survey_id;
  std::string survey_question;  // "" the survey's first rating question
};

struct ContractView {
  Contract contract;
  std::string unit_name;
  std::string phase;  // phase_of on the China date of the call
};

struct ContractDetail {
  ContractView contract;
  std::optional<Evaluation> evaluation;
};

struct RecordInput {
  std::string served_on;
  std::string unit;  // "" the contract's unit
  std::string place;
  std::string content;
  int64_t people_served = 0;
};

struct RecordView {
  ServiceRecord record;
  std::string unit_name;
};

struct ProviderView {
  ProviderSummary summary;
  std::string area_name;
};

struct ProviderEvaluation {
  Evaluation evaluation;
  std::string title;
  std::string unit_name;
};

struct ProviderRecord {
  ProviderView provider;
  std::vector<ContractView> contracts;  // the newest kProviderContractsShown
  std::vector<ProviderEvaluation> evaluations;
};

// A social organisation that may provide for a unit, as the contract dialog offers it.
struct Candidate {
  volunteer::Organisation organisation;  // without its contact
  std::string area_name;
};

class ContractService {
 public:
  ContractService(const org::OrgService& org, storage::Database& db, const audit::Log& audit,
                  const Clock& clock, const surveys::SurveyService& surveys,
                  const volunteer::OrganisationService& organisations);

  // Every field is checked at once: the provider a social organisation registered in the
  // buyer's county; the end not before the start and at most three years on; a linked survey one
  // the caller reads that concerns the unit, with a rating question (the one named).
  Result<ContractView> create(const Actor& actor, const ContractInput& input) const;
  // Rewrites the terms of an active contract at `version`. Once services are recorded the
  // buyer and the provider stay and the period must still hold every record.
  Result<ContractView> update(const Actor& actor, int64_t id, int64_t version,
                              const ContractInput& input) const;
  Result<ContractDetail> find(const Actor& actor, int64_t id) const;
  // Contracts in reach of `unit` ("" the caller's scope): bought within it or by the units above
  // it; newest first. filter.reach and filter.today are set here.
  Result<org::Page<ContractView>> list(const Actor& actor, const std::string& unit,
                                       ContractFilter filter, const org::PageRequest& page) const;

  // A service delivered: on a day of the period, not after today, at the contract's unit or one
  // within it in the caller's scope. conflict once the contract is evaluated.
  Result<RecordView> record(const Actor& actor, int64_t contract_id,
                            const RecordInput& input) const;
  // conflict when voided already or the contract is evaluated.
  Result<RecordView> void_record(const Actor& actor, int64_t id, const std::string& reason) const;
  // Newest served first, voided ones included.
  Result<org::Page<RecordView>> records(const Actor& actor, int64_t contract_id,
                                        const org::PageRequest& page) const;

  // Evaluates an active contract at `version` after its period (conflict before, and once it is
  // evaluated), keeping the figures and the linked survey's satisfaction as they are now.
  Result<ContractDetail> evaluate(const Actor& actor, int64_t id, int64_t version, int64_t score,
                                  const std::string& comment) const;

  // Providers of the contracts in reach of `unit` ("" the scope), most contracts first.
  Result<org::Page<ProviderView>> providers(const Actor& actor, const std::string& unit,
                                            const org::PageRequest& page) const;
  // A provider's contracts and evaluations in the caller's scope; not_found when it has none.
  Result<ProviderRecord> provider(const Actor& actor, int64_t organisation_id) const;

  // The social organisations that may provide for `unit`, a unit the caller buys for (scope over
  // it with the permission to contract): those registered within its county, volunteer teams
  // left out; whose name holds `name` when given; by name. What create() accepts as the provider.
  Result<org::Page<Candidate>> candidates(const Actor& actor, const std::string& unit,
                                          const std::string& name,
                                          const org::PageRequest& page) const;

  // Contracts in the caller's scope whose period is over and that wait for their evaluation.
  Result<int64_t> count_due(const Actor& actor) const;

 private:
  // The contract the input describes, its provider's name and kind read, or every field's
  // reason at once.
  Result<Contract> validated(const Actor& actor, const ContractInput& input) const;
  Result<Contract> visible(storage::Session& s, const Actor& actor, int64_t id) const;
  Result<Reach> reach(const Actor& actor, const std::string& unit) const;
  ContractView view(Contract contract) const;
  RecordView record_view(ServiceRecord record) const;
  std::string unit_name(const std::string& code) const;

  const org::OrgService& org_;
  storage::Database& db_;
  const audit::Log& audit_;
  const Clock& clock_;
  const surveys::SurveyService& surveys_;
  const volunteer::OrganisationService& organisations_;
};

}  // namespace shequ::services
