#include "services/model.hpp"

#include <fmt/format.h>

#include "storage/scope.hpp"

namespace shequ::services {

const std::vector<Choice>& states() {
  static const std::vector<Choice> states{
      {kActive, {"履行中", "Active"}},
      {kEvaluated, {"已评估", "Evaluated"}},
  };
  return states;
}

const std::vector<Choice>& phases() {
  static const std::vector<Choice> phases{
      {kUpcoming, {"未开始", "Not started"}},
      {kRunning, {"服务中", "Running"}},
      {kEnded, {"待评估", "To evaluate"}},
      {kEvaluated, {"已评估", "Evaluated"}},
  };
  return phases;
}

const std::vector<Choice>& grades() {
  static const std::vector<Choice> grades{
      {"excellent", {"优秀", "Excellent"}},
      {"good", {"良好", "Good"}},
      {"pass", {"合格", "Pass"}},
      {"fail", {"不合格", "Fail"}},
  };
  return grades;
}

std::string_view grade_of(int64_t score) {
  if (score >= 90) return "excellent";
  if (score >= 80) return "good";
  if (score >= 60) return "pass";
  return "fail";
}

std::string_view phase_of(std::string_view state, const std::string& starts_on,
                          const std::string& ends_on, const std::string& today) {
  if (state == kEvaluated) return kEvaluated;
  if (today < starts_on) return kUpcoming;
  if (today <= ends_on) return kRunning;
  return kEnded;
}

namespace repository {

namespace {

using storage::optional_value;
using storage::Row;
using storage::Rows;
using storage::Value;

std::optional<double> optional_real(const Row& row, std::size_t column) {
  if (row.is_null(column)) return std::nullopt;
  return row.real(column);
}

const std::string kContractColumns =
    "c.id, c.unit_code, c.organisation_id, o.name, o.kind, o.area_code, c.title, c.category, "
    "c.content, c.target_text, c.target_people, c.amount_fen, c.funding_source, c.starts_on, "
    "c.ends_on, c.survey_id, c.survey_title, c.survey_question, c.survey_question_title, "
    "c.state, c.records, c.people_served, c.created_by, c.created_by_name, c.created_at, "
    "c.updated_at, c.version, ev.score, ev.grade, ev.satisfaction_mean";
const std::string kContractFrom =
    " FROM services_contract c JOIN volunteer_organisation o ON o.id = c.organisation_id "
    "LEFT JOIN services_evaluation ev ON ev.contract_id = c.id";

Contract contract_from(const Row& row) {
  Contract c;
  c.id = row.integer(0);
  c.unit_code = row.text(1);
  c.organisation_id = row.integer(2);
  c.organisation_name = row.text(3);
  c.organisation_kind = row.text(4);
  c.organisation_area = row.text(5);
  c.title = row.text(6);
  c.category = row.text(7);
  c.content = row.text(8);
  c.target_text = row.text(9);
  c.target_people = row.integer(10);
  c.amount_fen = row.integer(11);
  c.funding_source = row.text(12);
  c.starts_on = row.text(13);
  c.ends_on = row.text(14);
  c.survey_id = row.optional_integer(15);
  c.survey_title = row.text(16);
  c.survey_question = row.text(17);
  c.survey_question_title = row.text(18);
  c.state = row.text(19);
  c.records = row.integer(20);
  c.people_served = row.integer(21);
  c.created_by = row.optional_integer(22);
  c.created_by_name = row.text(23);
  c.created_at = row.text(24);
  c.updated_at = row.text(25);
  c.version = row.integer(26);
  c.score = row.optional_integer(27);
  c.grade = row.is_null(28) ? "" : row.text(28);
  c.satisfaction_mean = optional_real(row, 29);
  return c;
}

const std::string kRecordColumns =
    "id, contract_id, served_on, unit_code, place, content, people_served, recorded_by, "
    "recorded_by_name, recorded_at, void_reason, voided_by_name, voided_at";

ServiceRecord record_from(const Row& row) {
  return {row.integer(0),       row.integer(1), row.text(2),    row.text(3),
          row.text(4),          row.text(5),    row.integer(6), row.optional_integer(7),
          row.text(8),          row.text(9),    row.text(10),   row.text(11),
          row.optional_text(12)};
}

const std::string kEvaluationColumns =
    "e.contract_id, e.evaluated_on, e.score, e.grade, e.comment, e.records, e.people_served, "
    "e.target_people, e.satisfaction_responses, e.satisfaction_mean, e.satisfaction_low, "
    "e.satisfaction_high, e.evaluated_by, e.evaluated_by_name, e.evaluated_at";

Evaluation evaluation_from(const Row& row) {
  Evaluation e;
  e.contract_id = row.integer(0);
  e.evaluated_on = row.text(1);
  e.score = row.integer(2);
  e.grade = row.text(3);
  e.comment = row.text(4);
  e.records = row.integer(5);
  e.people_served = row.integer(6);
  e.target_people = row.integer(7);
  if (const auto responses = row.optional_integer(8)) {
    e.satisfaction =
        Satisfaction{*responses, row.real(9), optional_real(row, 10), optional_real(row, 11)};
  }
  e.evaluated_by = row.optional_integer(12);
  e.evaluated_by_name = row.text(13);
  e.evaluated_at = row.text(14);
  return e;
}

std::string reach_condition(storage::Session& s, const Reach& reach, std::vector<Value>& params) {
  std::string sql = "(" + storage::in_subtrees(s.dialect(), {"c.unit_code"}, reach.roots, params);
  for (const std::string& code : reach.above) {
    sql += " OR c.unit_code = " + storage::bind_all(params, {code});
  }
  return sql + ")";
}

// The condition that puts a contract in `phase` on `today`.
std::string phase_condition(std::string_view phase, const std::string& today,
                            std::vector<Value>& params) {
  if (phase == kEvaluated) return " AND c.state = " + storage::bind_all(params, {"evaluated"});
  const std::string active = " AND c.state = " + storage::bind_all(params, {"active"});
  if (phase == kUpcoming)
    return active + " AND c.starts_on > " + storage::bind_all(params, {today});
  if (phase == kRunning) {
    return active + " AND c.starts_on <= " + storage::bind_all(params, {today}) +
           " AND c.ends_on >= " + storage::bind_all(params, {today});
  }
  return active + " AND c.ends_on < " + storage::bind_all(params, {today});
}

}  // namespace

Result<int64_t> insert_contract(storage::Session& s, const Contract& c) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one(
          "INSERT INTO services_contract (unit_code, organisation_id, title, category, content, "
          "target_text, target_people, amount_fen, funding_source, starts_on, ends_on, "
          "survey_id, survey_title, survey_question, survey_question_title, state, records, "
          "people_served, created_by, created_by_name, created_at, updated_at, version) VALUES "
          "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 0, 0, $17, "
          "$18, $19, $19, 1) RETURNING id",
          std::vector<Value>{c.unit_code, c.organisation_id, c.title, c.category, c.content,
                             c.target_text, c.target_people, c.amount_fen, c.funding_source,
                             c.starts_on, c.ends_on, optional_value(c.survey_id), c.survey_title,
                             c.survey_question, c.survey_question_title, c.state,
                             optional_value(c.created_by), c.created_by_name, c.created_at}));
  return row->integer(0);
}

Result<bool> update_contract(storage::Session& s, const Contract& c) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE services_contract SET unit_code = $1, organisation_id = $2, title = $3, "
                "category = $4, content = $5, target_text = $6, target_people = $7, "
                "amount_fen = $8, funding_source = $9, starts_on = $10, ends_on = $11, "
                "survey_id = $12, survey_title = $13, survey_question = $14, "
                "survey_question_title = $15, updated_at = $16, version = version + 1 "
                "WHERE id = $17 AND version = $18 AND state = 'active'",
                std::vector<Value>{c.unit_code, c.organisation_id, c.title, c.category, c.content,
                                   c.target_text, c.target_people, c.amount_fen, c.funding_source,
                                   c.starts_on, c.ends_on, optional_value(c.survey_id),
                                   c.survey_title, c.survey_question, c.survey_question_title,
                                   c.updated_at, c.id, c.version}));
  return changed == 1;
}

Result<std::optional<Contract>> find_contract(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kContractColumns + kContractFrom + " WHERE c.id = $1",
                            std::vector<Value>{id}));
  if (!row) return std::optional<Contract>();
  return std::optional<Contract>(contract_from(*row));
}

Result<org::Page<Contract>> list_contracts(storage::Session& s, const ContractFilter& filter,
                                           const org::PageRequest& page) {
  std::vector<Value> params;
  std::string where = " WHERE " + reach_condition(s, filter.reach, params);
  if (filter.year) {
    where += " AND c.starts_on <= " +
             storage::bind_all(params, {fmt::format("{:04}-12-31", *filter.year)}) +
             " AND c.ends_on >= " +
             storage::bind_all(params, {fmt::format("{:04}-01-01", *filter.year)});
  }
  if (filter.organisation_id) {
    where += " AND c.organisation_id = " + storage::bind_all(params, {*filter.organisation_id});
  }
  if (!filter.phase.empty()) where += phase_condition(filter.phase, filter.today, params);
  SHEQU_ASSIGN_OR_RETURN(auto count,
                         s.query_one("SELECT COUNT(*) FROM services_contract c" + where, params));
  const std::size_t filters = params.size();
  params.insert(params.end(), {Value(page.page_size), Value(page.offset())});
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query(fmt::format("SELECT {}{}{} ORDER BY c.id DESC LIMIT ${} OFFSET ${}", kContractColumns,
                          kContractFrom, where, filters + 1, filters + 2),
              params));
  org::Page<Contract> out;
  out.total = count->integer(0);
  for (const Row& row : rows) out.items.push_back(contract_from(row));
  return out;
}

Result<int64_t> count_ended(storage::Session& s, const std::vector<std::string>& roots,
                            const std::string& today) {
  std::vector<Value> params;
  std::string where = " WHERE " + storage::in_subtrees(s.dialect(), {"c.unit_code"}, roots, params);
  where += phase_condition(kEnded, today, params);
  SHEQU_ASSIGN_OR_RETURN(auto count,
                         s.query_one("SELECT COUNT(*) FROM services_contract c" + where, params));
  return count->integer(0);
}

Result<bool> insert_record(storage::Session& s, ServiceRecord& r) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t counted,
      s.execute("UPDATE services_contract SET records = records + 1, people_served = "
                "people_served + $1 WHERE id = $2 AND state = 'active'",
                std::vector<Value>{r.people_served, r.contract_id}));
  if (counted != 1) return false;
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("INSERT INTO services_record (contract_id, served_on, unit_code, place, "
                  "content, people_served, recorded_by, recorded_by_name, recorded_at, "
                  "void_reason, voided_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', "
                  "'') RETURNING id",
                  std::vector<Value>{r.contract_id, r.served_on, r.unit_code, r.place, r.content,
                                     r.people_served, optional_value(r.recorded_by),
                                     r.recorded_by_name, r.recorded_at}));
  r.id = row->integer(0);
  return true;
}

Result<std::optional<ServiceRecord>> find_record(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row, s.query_one("SELECT " + kRecordColumns + " FROM services_record WHERE id = $1",
                            std::vector<Value>{id}));
  if (!row) return std::optional<ServiceRecord>();
  return std::optional<ServiceRecord>(record_from(*row));
}

Result<bool> void_record(storage::Session& s, const ServiceRecord& r) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t voided,
      s.execute(
          "UPDATE services_record SET void_reason = $1, voided_by_name = $2, voided_at = $3 "
          "WHERE id = $4 AND voided_at IS NULL",
          std::vector<Value>{r.void_reason, r.voided_by_name, optional_value(r.voided_at), r.id}));
  if (voided != 1) return false;
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t counted,
      s.execute("UPDATE services_contract SET records = records - 1, people_served = "
                "people_served - $1 WHERE id = $2 AND state = 'active'",
                std::vector<Value>{r.people_served, r.contract_id}));
  return counted == 1;
}

Result<org::Page<ServiceRecord>> list_records(storage::Session& s, int64_t contract_id,
                                              const org::PageRequest& page) {
  SHEQU_ASSIGN_OR_RETURN(auto count,
                         s.query_one("SELECT COUNT(*) FROM services_record WHERE contract_id = $1",
                                     std::vector<Value>{contract_id}));
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query("SELECT " + kRecordColumns +
                                     " FROM services_record WHERE contract_id = $1 "
                                     "ORDER BY served_on DESC, id DESC LIMIT $2 OFFSET $3",
                                 std::vector<Value>{contract_id, page.page_size, page.offset()}));
  org::Page<ServiceRecord> out;
  out.total = count->integer(0);
  for (const Row& row : rows) out.items.push_back(record_from(row));
  return out;
}

Result<std::optional<std::pair<std::string, std::string>>> served_span(storage::Session& s,
                                                                       int64_t contract_id) {
  using Span = std::optional<std::pair<std::string, std::string>>;
  SHEQU_ASSIGN_OR_RETURN(auto row,
                         s.query_one("SELECT MIN(served_on), MAX(served_on) FROM services_record "
                                     "WHERE contract_id = $1 AND voided_at IS NULL",
                                     std::vector<Value>{contract_id}));
  if (!row || row->is_null(0)) return Span();
  return Span(std::pair{row->text(0), row->text(1)});
}

Result<bool> insert_evaluation(storage::Session& s, const Evaluation& e, int64_t version,
                               const std::string& now) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE services_contract SET state = 'evaluated', updated_at = $1, "
                "version = version + 1 WHERE id = $2 AND version = $3 AND state = 'active'",
                std::vector<Value>{now, e.contract_id, version}));
  if (changed != 1) return false;
  const auto& sat = e.satisfaction;
  SHEQU_TRY(s.execute(
      "INSERT INTO services_evaluation (contract_id, evaluated_on, score, grade, comment, "
      "records, people_served, target_people, satisfaction_responses, satisfaction_mean, "
      "satisfaction_low, satisfaction_high, evaluated_by, evaluated_by_name, evaluated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
      std::vector<Value>{e.contract_id, e.evaluated_on, e.score, e.grade, e.comment, e.records,
                         e.people_served, e.target_people,
                         sat ? Value(sat->responses) : Value(nullptr),
                         sat && sat->responses > 0 ? Value(sat->mean) : Value(nullptr),
                         sat && sat->low ? Value(*sat->low) : Value(nullptr),
                         sat && sat->high ? Value(*sat->high) : Value(nullptr),
                         optional_value(e.evaluated_by), e.evaluated_by_name, e.evaluated_at}));
  return true;
}

Result<std::optional<Evaluation>> find_evaluation(storage::Session& s, int64_t contract_id) {
  SHEQU_ASSIGN_OR_RETURN(auto row, s.query_one("SELECT " + kEvaluationColumns +
                                                   " FROM services_evaluation e "
                                                   "WHERE e.contract_id = $1",
                                               std::vector<Value>{contract_id}));
  if (!row) return std::optional<Evaluation>();
  return std::optional<Evaluation>(evaluation_from(*row));
}

Result<org::Page<ProviderSummary>> list_providers(storage::Session& s, const Reach& reach,
                                                  std::optional<int64_t> organisation_id,
                                                  const org::PageRequest& page) {
  std::vector<Value> params;
  std::string where = " WHERE " + reach_condition(s, reach, params);
  if (organisation_id) {
    where += " AND c.organisation_id = " + storage::bind_all(params, {*organisation_id});
  }
  SHEQU_ASSIGN_OR_RETURN(
      auto count,
      s.query_one("SELECT COUNT(DISTINCT c.organisation_id) FROM services_contract c" + where,
                  params));
  const std::size_t filters = params.size();
  params.insert(params.end(), {Value(page.page_size), Value(page.offset())});
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query(fmt::format("SELECT o.id, o.name, o.kind, o.area_code, COUNT(*), SUM(c.amount_fen), "
                          "COUNT(e.contract_id), AVG(e.score) FROM services_contract c "
                          "JOIN volunteer_organisation o ON o.id = c.organisation_id "
                          "LEFT JOIN services_evaluation e ON e.contract_id = c.id{} "
                          "GROUP BY o.id, o.name, o.kind, o.area_code ORDER BY COUNT(*) DESC, o.id "
                          "LIMIT ${} OFFSET ${}",
                          where, filters + 1, filters + 2),
              params));
  org::Page<ProviderSummary> out;
  out.total = count->integer(0);
  for (const Row& row : rows) {
    out.items.push_back({row.integer(0), row.text(1), row.text(2), row.text(3), row.integer(4),
                         row.integer(5), row.integer(6), optional_real(row, 7), ""});
  }
  return out;
}

Result<std::vector<ContractEvaluation>> provider_evaluations(storage::Session& s,
                                                             const Reach& reach,
                                                             int64_t organisation_id) {
  std::vector<Value> params;
  std::string where = " WHERE " + reach_condition(s, reach, params);
  where += " AND c.organisation_id = " + storage::bind_all(params, {organisation_id});
  SHEQU_ASSIGN_OR_RETURN(Rows rows,
                         s.query("SELECT " + kEvaluationColumns +
                                     ", c.title, c.unit_code FROM services_evaluation e JOIN "
                                     "services_contract c ON c.id = "
                                     "e.contract_id" +
                                     where + " ORDER BY e.evaluated_on DESC, e.contract_id DESC",
                                 params));
  std::vector<ContractEvaluation> out;
  for (const Row& row : rows) out.push_back({evaluation_from(row), row.text(15), row.text(16)});
  return out;
}

}  // namespace repository

}  // namespace shequ::services
