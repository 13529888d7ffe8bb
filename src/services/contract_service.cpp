#include "services/contract_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "common/money.hpp"
#include "common/strings.hpp"
#include "lists/model.hpp"
#include "services/declaration.hpp"
#include "surveys/declaration.hpp"
#include "volunteer/organisation_repository.hpp"

namespace shequ::services {

namespace {

Error contract_not_found() {
  return Error::not_found({"购买服务合同", "contract"});
}

Error record_not_found() {
  return Error::not_found({"服务记录", "service record"});
}

Error changed_meanwhile() {
  return Error::conflict({"合同已被他人修改，请刷新后重试",
                          "the contract was changed meanwhile; reload and try again"});
}

Error evaluated_already() {
  return Error::conflict(
      {"合同已评估，服务记录不再变动", "the contract is evaluated: its records stay as they are"});
}

// A contract's terms as its audit entries keep them.
std::string terms_of(const Contract& c) {
  return fmt::format("{}: {} yuan, {} to {}", c.title, yuan_of_fen(c.amount_fen), c.starts_on,
                     c.ends_on);
}

int64_t days_between(const std::string& from, const std::string& to) {
  return std::chrono::duration_cast<std::chrono::days>(parse_date(to) - parse_date(from)).count();
}

}  // namespace

ContractService::ContractService(const org::OrgService& org, storage::Database& db,
                                 const audit::Log& audit, const Clock& clock,
                                 const surveys::SurveyService& surveys,
                                 const volunteer::OrganisationService& organisations)
    : org_(org),
      db_(db),
      audit_(audit),
      clock_(clock),
      surveys_(surveys),
      organisations_(organisations) {}

std::string ContractService::unit_name(const std::string& code) const {
  const auto unit = org_.unit(code);
  return unit ? unit->unit.name : code;
}

ContractView ContractService::view(Contract contract) const {
  ContractView out;
  out.unit_name = unit_name(contract.unit_code);
  out.phase = std::string(
      phase_of(contract.state, contract.starts_on, contract.ends_on, china_date(clock_.now())));
  out.contract = std::move(contract);
  return out;
}

RecordView ContractService::record_view(ServiceRecord record) const {
  RecordView out;
  out.unit_name = unit_name(record.unit_code);
  out.record = std::move(record);
  return out;
}

Result<Contract> ContractService::validated(const Actor& actor, const ContractInput& in) const {
  SHEQU_ASSIGN_OR_RETURN(const org::UnitView unit, org_.unit(actor, in.unit));
  SHEQU_TRY(org_.in_scope(actor, kContractWrite, in.unit));
  std::vector<FieldError> errors;
  Contract c;
  c.unit_code = in.unit;
  const org::Level level = unit.unit.level;
  if (level != org::Level::county && level != org::Level::township &&
      level != org::Level::village) {
    errors.push_back({"unit",
                      {"购买服务的单位应为县（区）、乡镇（街道）或村（社区）",
                       "a county, township, village or community buys services"}});
  }
  c.title = checked_text(in.title, "title", kMaxTitle, true, errors);
  if (!find_choice(lists::categories(), in.category)) {
    errors.push_back({"category", {"不是可选的服务类别", "not a category"}});
  }
  c.category = in.category;
  c.content = checked_text(in.content, "content", kMaxContent, true, errors);
  c.target_text = checked_text(in.target_text, "targetText", kMaxTargetText, true, errors);
  if (in.target_people < 1 || in.target_people > kMaxTargetPeople) {
    errors.push_back(
        {"targetPeople",
         {"目标服务人次应在 1 至 1,000,000 之间", "from 1 to 1,000,000 people served"}});
  }
  c.target_people = in.target_people;
  if (in.amount_fen < 1 || in.amount_fen > kMaxAmountFen) {
    errors.push_back(
        {"amountFen", {"金额应大于 0 且不超过 10 亿元", "more than 0 and at most a billion yuan"}});
  }
  c.amount_fen = in.amount_fen;
  c.funding_source =
      checked_text(in.funding_source, "fundingSource", kMaxFundingSource, true, errors);
  const bool start_ok = is_valid_date(in.starts_on) && in.starts_on >= "2000-01-01";
  const bool end_ok = is_valid_date(in.ends_on) && in.ends_on >= "2000-01-01";
  if (!start_ok) {
    errors.push_back({"startsOn", {"应为 2000 年以后的日期", "a date from 2000 on"}});
  }
  if (!end_ok) errors.push_back({"endsOn", {"应为 2000 年以后的日期", "a date from 2000 on"}});
  if (start_ok && end_ok) {
    if (in.ends_on < in.starts_on) {
      errors.push_back({"endsOn", {"结束日期不能早于开始日期", "the end is not before the start"}});
    } else if (days_between(in.starts_on, in.ends_on) > kMaxPeriodDays) {
      errors.push_back({"endsOn", {"服务期限不超过三年", "a period of three years at most"}});
    }
  }
  c.starts_on = in.starts_on;
  c.ends_on = in.ends_on;

  // The provider: a social organisation (a volunteer team signs no contract) of the buyer's
  // county, where it is registered to serve.
  SHEQU_ASSIGN_OR_RETURN(const auto provider,
                         db_.read_value<std::optional<volunteer::repository::OrganisationRow>>(
                             [&](storage::Session& s) {
                               return volunteer::repository::find_organisation(s,
                                                                               in.organisation_id);
                             }));
  if (!provider) {
    errors.push_back({"organisationId", {"没有这个社会组织", "no such organisation"}});
  } else if (provider->organisation.kind == volunteer::OrganisationKind::volunteer_team) {
    errors.push_back({"organisationId",
                      {"志愿服务队不能承接政府购买服务，请选择社会组织",
                       "a volunteer team takes no contract: choose a social organisation"}});
  } else if (!organisations_.may_serve(provider->organisation.area_code, in.unit)) {
    errors.push_back(
        {"organisationId",
         {"承接组织应在购买单位所在县（区）登记或服务", "the provider serves the buyer's county"}});
  }
  c.organisation_id = in.organisation_id;

  if (in.survey_id) {
    // The survey must concern the buyer's unit: its results there are what the evaluation reads.
    const auto results = surveys_.results(actor, *in.survey_id, in.unit, 0);
    if (!results) {
      errors.push_back({"surveyId",
                        {"没有这个满意度调查，或调查范围不包括购买单位",
                         "no such survey, or it does not concern the buyer"}});
    } else {
      const auto& questions = results->survey.questions;
      const auto question = std::find_if(questions.begin(), questions.end(), [&](const auto& q) {
        return q.kind == surveys::kRating &&
               (in.survey_question.empty() || q.id == in.survey_question);
      });
      if (question == questions.end()) {
        errors.push_back(
            {"surveyQuestion", {"调查中没有这道评分题", "the survey has no such rating question"}});
      } else {
        c.survey_id = in.survey_id;
        c.survey_title = results->survey.survey.title;
        c.survey_question = question->id;
        c.survey_question_title = question->title;
      }
    }
  } else if (!in.survey_question.empty()) {
    errors.push_back({"surveyQuestion", {"未关联满意度调查", "no survey is linked"}});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  if (provider) {
    c.organisation_name = provider->organisation.name;
    c.organisation_kind = std::string(volunteer::kind_key(provider->organisation.kind));
    c.organisation_area = provider->organisation.area_code;
  }
  return c;
}

Result<Contract> ContractService::visible(storage::Session& s, const Actor& actor,
                                          int64_t id) const {
  SHEQU_ASSIGN_OR_RETURN(auto contract, repository::find_contract(s, id));
  if (!contract) return contract_not_found();
  const auto roots = actor.roots_for(kContractRead);
  const bool served = std::any_of(roots.begin(), roots.end(), [&](const std::string& root) {
    return org_.tree().contains(contract->unit_code, root);
  });
  if (!served && !org_.covers(actor, kContractRead, contract->unit_code)) {
    return contract_not_found();
  }
  return std::move(*contract);
}

Result<Reach> ContractService::reach(const Actor& actor, const std::string& unit) const {
  Reach out;
  SHEQU_ASSIGN_OR_RETURN(
      out.roots, org_.list_roots(actor, kContractRead,
                                 unit.empty() ? std::nullopt : std::optional<std::string>(unit)));
  std::set<std::string> above;
  for (const std::string& root : out.roots) {
    for (const org::UnitView& a : org_.tree().ancestors(root)) above.insert(a.unit.code);
  }
  out.above.assign(above.begin(), above.end());
  return out;
}

Result<ContractView> ContractService::create(const Actor& actor, const ContractInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(Contract c, validated(actor, input));
  if (actor.user_id > 0) c.created_by = actor.user_id;
  c.created_by_name = actor.username;
  c.created_at = format_timestamp(clock_.now());
  c.updated_at = c.created_at;
  return db_.write_value<ContractView>([&](storage::Session& s) -> Result<ContractView> {
    SHEQU_ASSIGN_OR_RETURN(c.id, repository::insert_contract(s, c));
    SHEQU_TRY(audit_.append(s, audit::who(actor, kContractWrite),
                            {std::string(kAuditCreate), "services_contract", std::to_string(c.id),
                             "success", terms_of(c), c.unit_code}));
    return view(c);
  });
}

Result<ContractView> ContractService::update(const Actor& actor, int64_t id, int64_t version,
                                             const ContractInput& input) const {
  SHEQU_ASSIGN_OR_RETURN(Contract c, validated(actor, input));
  return db_.write_value<ContractView>([&](storage::Session& s) -> Result<ContractView> {
    SHEQU_ASSIGN_OR_RETURN(const Contract stored, visible(s, actor, id));
    SHEQU_TRY(org_.in_scope(actor, kContractWrite, stored.unit_code));
    if (stored.state != kActive) {
      return Error::conflict({"合同已评估，不能修改", "the contract is evaluated: it stays"});
    }
    if (stored.version != version) return changed_meanwhile();
    SHEQU_ASSIGN_OR_RETURN(const auto span, repository::served_span(s, id));
    if (span) {
      std::vector<FieldError> errors;
      if (c.unit_code != stored.unit_code) {
        errors.push_back(
            {"unit", {"已有服务记录，购买单位不能更改", "services are recorded: the buyer stays"}});
      }
      if (c.organisation_id != stored.organisation_id) {
        errors.push_back(
            {"organisationId",
             {"已有服务记录，承接组织不能更改", "services are recorded: the provider stays"}});
      }
      if (c.starts_on > span->first) {
        errors.push_back({"startsOn",
                          {fmt::format("已有 {} 的服务记录，开始日期不能晚于它", span->first),
                           fmt::format("a service is recorded on {}", span->first)}});
      }
      if (c.ends_on < span->second) {
        errors.push_back({"endsOn",
                          {fmt::format("已有 {} 的服务记录，结束日期不能早于它", span->second),
                           fmt::format("a service is recorded on {}", span->second)}});
      }
      if (!errors.empty()) return Error::invalid(std::move(errors));
    }
    c.id = id;
    c.version = version;
    c.updated_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(const bool changed, repository::update_contract(s, c));
    if (!changed) return changed_meanwhile();
    SHEQU_TRY(audit_.append(s, audit::who(actor, kContractWrite),
                            {std::string(kAuditUpdate), "services_contract", std::to_string(id),
                             "success", terms_of(c), c.unit_code}));
    SHEQU_ASSIGN_OR_RETURN(auto updated, repository::find_contract(s, id));
    return view(std::move(*updated));
  });
}

Result<ContractDetail> ContractService::find(const Actor& actor, int64_t id) const {
  return db_.read_value<ContractDetail>([&](storage::Session& s) -> Result<ContractDetail> {
    SHEQU_ASSIGN_OR_RETURN(Contract c, visible(s, actor, id));
    ContractDetail out;
    SHEQU_ASSIGN_OR_RETURN(out.evaluation, repository::find_evaluation(s, id));
    out.contract = view(std::move(c));
    return out;
  });
}

Result<org::Page<ContractView>> ContractService::list(const Actor& actor, const std::string& unit,
                                                      ContractFilter filter,
                                                      const org::PageRequest& page) const {
  SHEQU_ASSIGN_OR_RETURN(filter.reach, reach(actor, unit));
  filter.today = china_date(clock_.now());
  SHEQU_ASSIGN_OR_RETURN(auto found, db_.read_value<org::Page<Contract>>([&](storage::Session& s) {
    return repository::list_contracts(s, filter, page);
  }));
  org::Page<ContractView> out;
  out.total = found.total;
  for (Contract& c : found.items) out.items.push_back(view(std::move(c)));
  return out;
}

Result<RecordView> ContractService::record(const Actor& actor, int64_t contract_id,
                                           const RecordInput& input) const {
  return db_.write_value<RecordView>([&](storage::Session& s) -> Result<RecordView> {
    SHEQU_ASSIGN_OR_RETURN(const Contract c, visible(s, actor, contract_id));
    const std::string where = input.unit.empty() ? c.unit_code : input.unit;
    SHEQU_TRY(org_.unit(actor, where));
    SHEQU_TRY(org_.in_scope(actor, kRecordWrite, where));
    if (c.state != kActive) return evaluated_already();
    std::vector<FieldError> errors;
    ServiceRecord r;
    r.contract_id = contract_id;
    if (!org_.tree().contains(c.unit_code, where)) {
      errors.push_back({"unit", {"服务地点应在购买单位范围内", "where the buyer's unit holds it"}});
    }
    r.unit_code = where;
    const std::string today = china_date(clock_.now());
    if (!is_valid_date(input.served_on)) {
      errors.push_back({"servedOn", {"不是有效的日期", "not a date"}});
    } else if (input.served_on < c.starts_on || input.served_on > c.ends_on) {
      errors.push_back(
          {"servedOn",
           {fmt::format("服务日期应在合同期限 {} 至 {} 内", c.starts_on, c.ends_on),
            fmt::format("within the contract's period, {} to {}", c.starts_on, c.ends_on)}});
    } else if (input.served_on > today) {
      errors.push_back({"servedOn", {"服务日期不能晚于今天", "not after today"}});
    }
    r.served_on = input.served_on;
    r.place = checked_text(input.place, "place", kMaxPlace, false, errors);
    r.content = checked_text(input.content, "content", kMaxRecordContent, true, errors);
    if (input.people_served < 1 || input.people_served > kMaxPeopleServed) {
      errors.push_back(
          {"peopleServed", {"服务人次应在 1 至 10,000 之间", "from 1 to 10,000 people"}});
    }
    r.people_served = input.people_served;
    if (!errors.empty()) return Error::invalid(std::move(errors));
    if (actor.user_id > 0) r.recorded_by = actor.user_id;
    r.recorded_by_name = actor.username;
    r.recorded_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(const bool counted, repository::insert_record(s, r));
    if (!counted) return evaluated_already();
    SHEQU_TRY(audit_.append(
        s, audit::who(actor, kRecordWrite),
        {std::string(kAuditRecord), "services_record", std::to_string(r.id), "success",
         fmt::format("contract {} on {}: {} people", contract_id, r.served_on, r.people_served),
         r.unit_code}));
    return record_view(std::move(r));
  });
}

Result<RecordView> ContractService::void_record(const Actor& actor, int64_t id,
                                                const std::string& reason) const {
  std::vector<FieldError> errors;
  const std::string why = checked_text(reason, "reason", kMaxReason, true, errors);
  if (errors.empty() && utf8_length(why) < 2) {
    errors.push_back(
        {"reason", {"请说明作废原因（至少 2 个字）", "say why (2 characters or more)"}});
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.write_value<RecordView>([&](storage::Session& s) -> Result<RecordView> {
    SHEQU_ASSIGN_OR_RETURN(auto found, repository::find_record(s, id));
    if (!found || !org_.covers(actor, kContractRead, found->unit_code)) return record_not_found();
    SHEQU_TRY(visible(s, actor, found->contract_id));
    ServiceRecord r = std::move(*found);
    SHEQU_TRY(org_.in_scope(actor, kRecordWrite, r.unit_code));
    if (r.voided_at) return Error::conflict({"该记录已作废", "the record is voided already"});
    r.void_reason = why;
    r.voided_by_name = actor.username;
    r.voided_at = format_timestamp(clock_.now());
    SHEQU_ASSIGN_OR_RETURN(const bool voided, repository::void_record(s, r));
    if (!voided) return evaluated_already();
    SHEQU_TRY(audit_.append(s, audit::who(actor, kRecordWrite),
                            {std::string(kAuditVoid), "services_record", std::to_string(id),
                             "success", why, r.unit_code}));
    return record_view(std::move(r));
  });
}

Result<org::Page<RecordView>> ContractService::records(const Actor& actor, int64_t contract_id,
                                                       const org::PageRequest& page) const {
  SHEQU_ASSIGN_OR_RETURN(auto found,
                         db_.read_value<org::Page<ServiceRecord>>(
                             [&](storage::Session& s) -> Result<org::Page<ServiceRecord>> {
                               SHEQU_TRY(visible(s, actor, contract_id));
                               return repository::list_records(s, contract_id, page);
                             }));
  org::Page<RecordView> out;
  out.total = found.total;
  for (ServiceRecord& r : found.items) out.items.push_back(record_view(std::move(r)));
  return out;
}

Result<ContractDetail> ContractService::evaluate(const Actor& actor, int64_t id, int64_t version,
                                                 int64_t score, const std::string& comment) const {
  std::vector<FieldError> errors;
  if (score < 0 || score > 100) {
    errors.push_back({"score", {"评分应在 0 至 100 之间", "a score from 0 to 100"}});
  }
  const std::string note = checked_text(comment, "comment", kMaxComment, false, errors);
  if (!errors.empty()) return Error::invalid(std::move(errors));
  SHEQU_ASSIGN_OR_RETURN(const ContractDetail before, find(actor, id));
  const Contract& c = before.contract.contract;
  SHEQU_TRY(org_.in_scope(actor, kContractWrite, c.unit_code));
  if (c.state != kActive)
    return Error::conflict({"合同已评估", "the contract is evaluated already"});
  const std::string today = china_date(clock_.now());
  if (today <= c.ends_on) {
    return Error::conflict({fmt::format("服务期 {} 结束后才能评估", c.ends_on),
                            fmt::format("evaluate after the period ends on {}", c.ends_on)});
  }
  Evaluation e;
  e.contract_id = id;
  e.evaluated_on = today;
  e.score = score;
  e.grade = std::string(grade_of(score));
  e.comment = note;
  if (c.survey_id) {
    // The residents' rating over the buyer's unit, as it stands now.
    SHEQU_ASSIGN_OR_RETURN(const surveys::Results results,
                           surveys_.results(actor, *c.survey_id, c.unit_code, 0));
    Satisfaction sat;
    for (const surveys::QuestionResult& q : results.questions) {
      if (q.question.id != c.survey_question || !q.rating) continue;
      sat.responses = q.rating->n;
      sat.mean = q.rating->mean;
      if (q.rating->interval) {
        sat.low = q.rating->interval->low;
        sat.high = q.rating->interval->high;
      }
    }
    e.satisfaction = sat;
  }
  if (actor.user_id > 0) e.evaluated_by = actor.user_id;
  e.evaluated_by_name = actor.username;
  const std::string now = format_timestamp(clock_.now());
  e.evaluated_at = now;
  return db_.write_value<ContractDetail>([&](storage::Session& s) -> Result<ContractDetail> {
    // The figures as they are in this transaction: a record written meanwhile is counted, and one
    // written after it finds the contract evaluated.
    SHEQU_ASSIGN_OR_RETURN(const Contract current, visible(s, actor, id));
    if (current.version != version) return changed_meanwhile();
    e.records = current.records;
    e.people_served = current.people_served;
    e.target_people = current.target_people;
    SHEQU_ASSIGN_OR_RETURN(const bool written, repository::insert_evaluation(s, e, version, now));
    if (!written) return changed_meanwhile();
    SHEQU_TRY(
        audit_.append(s, audit::who(actor, kContractWrite),
                      {std::string(kAuditEvaluate), "services_contract", std::to_string(id),
                       "success", fmt::format("score {} ({})", score, e.grade), c.unit_code}));
    SHEQU_ASSIGN_OR_RETURN(auto after, repository::find_contract(s, id));
    return ContractDetail{view(std::move(*after)), e};
  });
}

Result<org::Page<ProviderView>> ContractService::providers(const Actor& actor,
                                                           const std::string& unit,
                                                           const org::PageRequest& page) const {
  SHEQU_ASSIGN_OR_RETURN(const Reach roots, reach(actor, unit));
  return db_.read_value<org::Page<ProviderView>>(
      [&](storage::Session& s) -> Result<org::Page<ProviderView>> {
        SHEQU_ASSIGN_OR_RETURN(auto found,
                               repository::list_providers(s, roots, std::nullopt, page));
        org::Page<ProviderView> out;
        out.total = found.total;
        for (ProviderSummary& p : found.items) {
          SHEQU_ASSIGN_OR_RETURN(const auto evaluations,
                                 repository::provider_evaluations(s, roots, p.organisation_id));
          if (!evaluations.empty()) p.last_grade = evaluations.front().evaluation.grade;
          std::string area = unit_name(p.area_code);
          out.items.push_back({std::move(p), std::move(area)});
        }
        return out;
      });
}

Result<org::Page<Candidate>> ContractService::candidates(const Actor& actor,
                                                         const std::string& unit,
                                                         const std::string& name,
                                                         const org::PageRequest& page) const {
  SHEQU_TRY(org_.unit(actor, unit));
  SHEQU_TRY(org_.in_scope(actor, kContractWrite, unit));
  SHEQU_ASSIGN_OR_RETURN(auto found, organisations_.serving(unit, false, name, page));
  org::Page<Candidate> out;
  out.total = found.total;
  for (volunteer::Organisation& o : found.items) {
    std::string area = unit_name(o.area_code);
    out.items.push_back({std::move(o), std::move(area)});
  }
  return out;
}

Result<ProviderRecord> ContractService::provider(const Actor& actor,
                                                 int64_t organisation_id) const {
  SHEQU_ASSIGN_OR_RETURN(const Reach roots, reach(actor, ""));
  return db_.read_value<ProviderRecord>([&](storage::Session& s) -> Result<ProviderRecord> {
    SHEQU_ASSIGN_OR_RETURN(auto summary,
                           repository::list_providers(s, roots, organisation_id, {1, 1}));
    if (summary.items.empty()) return Error::not_found({"承接组织", "provider"});
    ProviderRecord out;
    SHEQU_ASSIGN_OR_RETURN(const auto evaluations,
                           repository::provider_evaluations(s, roots, organisation_id));
    ProviderSummary& p = summary.items.front();
    if (!evaluations.empty()) p.last_grade = evaluations.front().evaluation.grade;
    out.provider = {p, unit_name(p.area_code)};
    const ContractFilter filter{roots, std::nullopt, organisation_id, "", ""};
    SHEQU_ASSIGN_OR_RETURN(auto contracts,
                           repository::list_contracts(s, filter, {1, kProviderContractsShown}));
    for (Contract& c : contracts.items) out.contracts.push_back(view(std::move(c)));
    for (const ContractEvaluation& e : evaluations) {
      out.evaluations.push_back({e.evaluation, e.title, unit_name(e.unit_code)});
    }
    return out;
  });
}

Result<int64_t> ContractService::count_due(const Actor& actor) const {
  const std::vector<std::string> roots = actor.roots_for(kContractWrite);
  if (roots.empty()) return int64_t{0};
  return db_.read_value<int64_t>([&](storage::Session& s) {
    return repository::count_ended(s, roots, china_date(clock_.now()));
  });
}

}  // namespace shequ::services
