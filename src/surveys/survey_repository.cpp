#include "surveys/survey_repository.hpp"

#include <fmt/format.h>

#include "common/json.hpp"
#include "storage/page_query.hpp"
#include "storage/scope.hpp"

namespace shequ::surveys::repository {

namespace {

using storage::optional_value;
using storage::Row;
using storage::Rows;
using storage::Value;

const std::string kSurveyColumns =
    "id, unit_code, title, description, anonymous, per, opens_at, closes_at, status, draft_json, "
    "current_version, created_by, created_by_name, published_at, closed_at, created_at, "
    "updated_at, version";

Survey survey_from(const Row& row) {
  Survey v;
  v.id = row.integer(0);
  v.unit_code = row.text(1);
  v.title = row.text(2);
  v.description = row.text(3);
  v.anonymous = row.integer(4) != 0;
  v.per = row.text(5);
  v.opens_at = row.text(6);
  v.closes_at = row.text(7);
  v.status = row.text(8);
  v.draft = questions_from(Json::parse(row.text(9), nullptr, false));
  v.current_version = row.integer(10);
  v.created_by = row.optional_integer(11);
  v.created_by_name = row.text(12);
  v.published_at = row.optional_text(13);
  v.closed_at = row.optional_text(14);
  v.created_at = row.text(15);
  v.updated_at = row.text(16);
  v.version = row.integer(17);
  return v;
}

// "$n, $m, …" for `values`, appended to `params`.
template <class T>
std::string in_list(std::vector<Value>& params, const std::vector<T>& values) {
  std::string out;
  for (const T& v : values) out += (out.empty() ? "" : ", ") + storage::bind_all(params, {v});
  return out;
}

Status write_targets(storage::Session& s, const Survey& survey) {
  SHEQU_TRY(
      s.execute("DELETE FROM survey_target WHERE survey_id = $1", std::vector<Value>{survey.id}));
  for (const std::string& unit : survey.target) {
    SHEQU_TRY(s.execute("INSERT INTO survey_target (survey_id, unit_code) VALUES ($1, $2)",
                        std::vector<Value>{survey.id, unit}));
  }
  return {};
}

Result<std::vector<std::string>> read_targets(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT unit_code FROM survey_target WHERE survey_id "
                                            "= $1 ORDER BY unit_code",
                                            std::vector<Value>{id}));
  std::vector<std::string> out;
  for (const Row& row : rows) out.push_back(row.text(0));
  return out;
}

Result<std::vector<Survey>> with_targets(storage::Session& s, const Rows& rows) {
  std::vector<Survey> out;
  for (const Row& row : rows) {
    Survey v = survey_from(row);
    SHEQU_ASSIGN_OR_RETURN(v.target, read_targets(s, v.id));
    out.push_back(std::move(v));
  }
  return out;
}

// The responses of one version of a survey from `roots`' subtrees, as r; appends parameters.
std::string responses_in(storage::Session& s, int64_t survey_id, int64_t version,
                         const std::vector<std::string>& roots, std::vector<Value>& params) {
  params.insert(params.end(), {Value(survey_id), Value(version)});
  const std::string survey = fmt::format("r.survey_id = ${} AND r.version_number = ${} AND ",
                                         params.size() - 1, params.size());
  return survey + storage::in_subtrees(s.dialect(), {"r.unit_code"}, roots, params);
}

}  // namespace

Result<int64_t> insert_survey(storage::Session& s, const Survey& v) {
  SHEQU_ASSIGN_OR_RETURN(
      auto row,
      s.query_one("INSERT INTO survey (unit_code, title, description, anonymous, per, opens_at, "
                  "closes_at, status, draft_json, current_version, created_by, created_by_name, "
                  "published_at, closed_at, created_at, updated_at, version) VALUES ($1, $2, $3, "
                  "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1) RETURNING id",
                  std::vector<Value>{v.unit_code, v.title, v.description,
                                     int64_t{v.anonymous ? 1 : 0}, v.per, v.opens_at, v.closes_at,
                                     v.status, questions_json(v.draft).dump(), v.current_version,
                                     optional_value(v.created_by), v.created_by_name,
                                     optional_value(v.published_at), optional_value(v.closed_at),
                                     v.created_at, v.updated_at}));
  Survey stored = v;
  stored.id = row->integer(0);
  SHEQU_TRY(write_targets(s, stored));
  return stored.id;
}

Result<std::optional<Survey>> find_survey(storage::Session& s, int64_t id) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT " + kSurveyColumns + " FROM survey WHERE id = $1", std::vector<Value>{id}));
  SHEQU_ASSIGN_OR_RETURN(auto found, with_targets(s, rows));
  if (found.empty()) return std::optional<Survey>();
  return std::optional<Survey>(std::move(found.front()));
}

Result<bool> update_survey(storage::Session& s, const Survey& v, int64_t expected_version) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t changed,
      s.execute("UPDATE survey SET unit_code = $1, title = $2, description = $3, anonymous = $4, "
                "per = $5, opens_at = $6, closes_at = $7, status = $8, draft_json = $9, "
                "current_version = $10, published_at = $11, closed_at = $12, updated_at = $13, "
                "version = version + 1 WHERE id = $14 AND version = $15",
                std::vector<Value>{v.unit_code, v.title, v.description,
                                   int64_t{v.anonymous ? 1 : 0}, v.per, v.opens_at, v.closes_at,
                                   v.status, questions_json(v.draft).dump(), v.current_version,
                                   optional_value(v.published_at), optional_value(v.closed_at),
                                   v.updated_at, v.id, expected_version}));
  if (changed == 0) return false;
  SHEQU_TRY(write_targets(s, v));
  return true;
}

Result<org::Page<Survey>> list_surveys(storage::Session& s, const std::vector<std::string>& roots,
                                       const std::vector<std::string>& reach,
                                       const std::string& phase, const std::string& now,
                                       const org::PageRequest& page) {
  std::vector<Value> params;
  std::string where =
      " FROM survey WHERE (" + storage::in_subtrees(s.dialect(), {"unit_code"}, roots, params);
  where += " OR EXISTS (SELECT 1 FROM survey_target t WHERE t.survey_id = survey.id AND (" +
           storage::in_subtrees(s.dialect(), {"t.unit_code"}, roots, params);
  if (!reach.empty()) where += " OR t.unit_code IN (" + in_list(params, reach) + ")";
  where += ")))";
  if (phase == "draft") {
    where += " AND status = 'draft'";
  } else if (!phase.empty()) {
    const std::string at = storage::bind_all(params, {now});
    if (phase == "scheduled") {
      where += fmt::format(" AND status = 'published' AND opens_at > {0} AND closes_at > {0}", at);
    } else if (phase == "open") {
      where += fmt::format(" AND status = 'published' AND opens_at <= {0} AND closes_at > {0}", at);
    } else {
      where +=
          fmt::format(" AND (status = 'closed' OR (status = 'published' AND closes_at <= {}))", at);
    }
  }
  SHEQU_ASSIGN_OR_RETURN(const storage::PageRows found,
                         storage::query_page(s, kSurveyColumns, where, "id DESC", std::move(params),
                                             page.page_size, page.offset()));
  org::Page<Survey> out;
  out.total = found.total;
  SHEQU_ASSIGN_OR_RETURN(out.items, with_targets(s, found.rows));
  return out;
}

Result<std::vector<Survey>> surveys_for(storage::Session& s, const std::vector<std::string>& units,
                                        const std::string& now) {
  if (units.empty()) return std::vector<Survey>();
  std::vector<Value> params{now};
  const std::string in = in_list(params, units);
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT " + kSurveyColumns +
                  " FROM survey WHERE status = 'published' AND closes_at > $1 AND EXISTS (SELECT "
                  "1 FROM survey_target t WHERE t.survey_id = survey.id AND t.unit_code IN (" +
                  in + ")) ORDER BY closes_at, id",
              params));
  return with_targets(s, rows);
}

Status insert_version(storage::Session& s, int64_t survey_id, const QuestionsVersion& version) {
  SHEQU_TRY(s.execute(
      "INSERT INTO survey_version (survey_id, number, questions_json, published_at) VALUES ($1, "
      "$2, $3, $4)",
      std::vector<Value>{survey_id, version.number, questions_json(version.questions).dump(),
                         version.published_at}));
  return {};
}

Result<std::vector<QuestionsVersion>> versions(storage::Session& s, int64_t survey_id) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT v.number, v.questions_json, v.published_at, (SELECT COUNT(*) FROM "
              "survey_response r WHERE r.survey_id = v.survey_id AND r.version_number = v.number) "
              "FROM survey_version v WHERE v.survey_id = $1 ORDER BY v.number",
              std::vector<Value>{survey_id}));
  std::vector<QuestionsVersion> out;
  for (const Row& row : rows) {
    out.push_back({row.integer(0), questions_from(Json::parse(row.text(1), nullptr, false)),
                   row.text(2), row.integer(3)});
  }
  return out;
}

Result<std::map<int64_t, int64_t>> response_counts(storage::Session& s,
                                                   const std::vector<int64_t>& survey_ids) {
  std::map<int64_t, int64_t> out;
  if (survey_ids.empty()) return out;
  std::vector<Value> params;
  const std::string in = in_list(params, survey_ids);
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT survey_id, COUNT(*) FROM survey_response "
                                            "WHERE survey_id IN (" +
                                                in + ") GROUP BY survey_id",
                                            params));
  for (const Row& row : rows) out[row.integer(0)] = row.integer(1);
  return out;
}

Result<bool> add_participant(storage::Session& s, int64_t survey_id,
                             const std::string& respondent) {
  SHEQU_ASSIGN_OR_RETURN(const int64_t added,
                         s.execute("INSERT INTO survey_participant (survey_id, respondent) VALUES "
                                   "($1, $2) ON CONFLICT DO NOTHING",
                                   std::vector<Value>{survey_id, respondent}));
  return added > 0;
}

Result<std::set<int64_t>> answered(storage::Session& s, const std::vector<int64_t>& survey_ids,
                                   const std::vector<std::string>& respondents) {
  std::set<int64_t> out;
  if (survey_ids.empty() || respondents.empty()) return out;
  std::vector<Value> params;
  const std::string surveys = in_list(params, survey_ids);
  const std::string who = in_list(params, respondents);
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT DISTINCT survey_id FROM survey_participant "
                                            "WHERE survey_id IN (" +
                                                surveys + ") AND respondent IN (" + who + ")",
                                            params));
  for (const Row& row : rows) out.insert(row.integer(0));
  return out;
}

Result<bool> insert_response(storage::Session& s, const Response& r,
                             const std::vector<Answer>& answers) {
  SHEQU_ASSIGN_OR_RETURN(
      const int64_t added,
      s.execute("INSERT INTO survey_response (id, survey_id, version_number, unit_code, person_id, "
                "channel, received_on) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
                std::vector<Value>{r.id, r.survey_id, r.version_number, r.unit_code,
                                   optional_value(r.person_id), r.channel, r.received_on}));
  if (added == 0) return false;
  const auto add = [&](const Answer& a, std::optional<std::string> choice) {
    return s.execute(
        "INSERT INTO survey_answer (response_id, question, choice, rating, text) VALUES ($1, $2, "
        "$3, $4, $5)",
        std::vector<Value>{r.id, a.question, optional_value(choice), optional_value(a.rating),
                           optional_value(a.text)});
  };
  for (const Answer& a : answers) {
    if (a.choices.empty()) {
      SHEQU_TRY(add(a, std::nullopt));
    } else {
      for (const std::string& c : a.choices) SHEQU_TRY(add(a, c));
    }
  }
  return true;
}

Result<std::map<std::string, int64_t>> responses_by_unit(storage::Session& s, int64_t survey_id,
                                                         int64_t version,
                                                         const std::vector<std::string>& roots) {
  std::vector<Value> params;
  const std::string where = responses_in(s, survey_id, version, roots, params);
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT r.unit_code, COUNT(*) FROM survey_response r "
                                            "WHERE " +
                                                where + " GROUP BY r.unit_code",
                                            params));
  std::map<std::string, int64_t> out;
  for (const Row& row : rows) out[row.text(0)] = row.integer(1);
  return out;
}

Result<std::vector<UnitQuestionSums>> question_sums(storage::Session& s, int64_t survey_id,
                                                    int64_t version,
                                                    const std::vector<std::string>& roots) {
  std::vector<Value> params;
  const std::string where = responses_in(s, survey_id, version, roots, params);
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT r.unit_code, a.question, COUNT(DISTINCT a.response_id), COUNT(a.rating), "
              "COALESCE(SUM(a.rating), 0), COALESCE(SUM(a.rating * a.rating), 0) FROM "
              "survey_answer a JOIN survey_response r ON r.id = a.response_id WHERE " +
                  where + " GROUP BY r.unit_code, a.question",
              params));
  std::vector<UnitQuestionSums> out;
  for (const Row& row : rows) {
    out.push_back(
        {row.text(0), row.text(1), row.integer(2), row.integer(3), row.integer(4), row.integer(5)});
  }
  return out;
}

Result<std::vector<UnitOptionCount>> option_counts(storage::Session& s, int64_t survey_id,
                                                   int64_t version,
                                                   const std::vector<std::string>& roots) {
  std::vector<Value> params;
  const std::string where = responses_in(s, survey_id, version, roots, params);
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT r.unit_code, a.question, COALESCE(a.choice, CAST(a.rating AS TEXT)), "
              "COUNT(*) FROM survey_answer a JOIN survey_response r ON r.id = a.response_id WHERE "
              "(a.choice IS NOT NULL OR a.rating IS NOT NULL) AND " +
                  where +
                  " GROUP BY r.unit_code, a.question, COALESCE(a.choice, CAST(a.rating AS TEXT))",
              params));
  std::vector<UnitOptionCount> out;
  for (const Row& row : rows) {
    out.push_back({row.text(0), row.text(1), row.text(2), row.integer(3)});
  }
  return out;
}

Result<std::vector<std::string>> texts(storage::Session& s, int64_t survey_id, int64_t version,
                                       const std::string& question,
                                       const std::vector<std::string>& roots, int64_t limit) {
  std::vector<Value> params;
  const std::string where = responses_in(s, survey_id, version, roots, params);
  params.insert(params.end(), {Value(question), Value(limit)});
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query(fmt::format("SELECT a.text FROM survey_answer a JOIN survey_response r ON r.id = "
                          "a.response_id WHERE a.text IS NOT NULL AND {} AND a.question = ${} "
                          "ORDER BY r.received_on DESC, r.id LIMIT ${}",
                          where, params.size() - 1, params.size()),
              params));
  std::vector<std::string> out;
  for (const Row& row : rows) out.push_back(row.text(0));
  return out;
}

Result<std::map<std::string, int64_t>> eligible_by_unit(storage::Session& s,
                                                        const std::vector<std::string>& roots,
                                                        bool households) {
  std::vector<Value> params;
  const std::string scope = storage::in_subtrees(s.dialect(), {"p.unit_code"}, roots, params);
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query(fmt::format("SELECT p.unit_code, {} FROM resident_person p WHERE p.household_id IS "
                          "NOT NULL AND p.anonymised_at IS NULL AND {} GROUP BY p.unit_code",
                          households ? "COUNT(DISTINCT p.household_id)" : "COUNT(*)", scope),
              params));
  std::map<std::string, int64_t> out;
  for (const Row& row : rows) out[row.text(0)] = row.integer(1);
  return out;
}

Result<std::vector<std::string>> targets_open_between(storage::Session& s, const std::string& from,
                                                      const std::string& until) {
  SHEQU_ASSIGN_OR_RETURN(
      Rows rows,
      s.query("SELECT DISTINCT t.unit_code FROM survey_target t JOIN survey v ON v.id = "
              "t.survey_id WHERE v.status <> 'draft' AND v.opens_at < $2 AND v.closes_at > $1 AND "
              "(v.closed_at IS NULL OR v.closed_at > $1) ORDER BY t.unit_code",
              std::vector<Value>{from, until}));
  std::vector<std::string> out;
  for (const Row& row : rows) out.push_back(row.text(0));
  return out;
}

Result<std::set<std::string>> units_with_responses(storage::Session& s,
                                                   const std::string& first_day,
                                                   const std::string& last_day) {
  SHEQU_ASSIGN_OR_RETURN(Rows rows, s.query("SELECT DISTINCT unit_code FROM survey_response WHERE "
                                            "received_on >= $1 AND received_on <= $2",
                                            std::vector<Value>{first_day, last_day}));
  std::set<std::string> out;
  for (const Row& row : rows) out.insert(row.text(0));
  return out;
}

}  // namespace shequ::surveys::repository
