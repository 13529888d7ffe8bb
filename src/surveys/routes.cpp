#include "surveys/routes.hpp"

#include <cmath>

#include "http/contract.hpp"
#include "surveys/declaration.hpp"

namespace shequ::surveys {

namespace {

using http::Request;
using http::Response;

// A figure as the console shows it: three decimals are plenty for shares and means.
double rounded(double v) {
  return std::round(v * 1000) / 1000;
}

Json optional_json(const std::optional<std::string>& v) {
  return v ? Json(*v) : Json();
}

const http::Schema& question_schema() {
  using namespace http::schema;
  static const http::Schema key = text(kMaxKey).describe("a-z, 0-9 and _");
  static const http::Schema schema = component(
      "SurveyQuestion",
      object({{"id", key.describe("stable across versions: answers name it")},
              {"kind", enum_of({"single", "multiple", "rating", "text"})},
              {"title", text(kMaxQuestionTitle)},
              {"required", boolean().default_to(true)},
              {"options", array(object({{"id", key}, {"label", text(kMaxOptionLabel)}}))
                              .max_items(kMaxOptions)
                              .default_to(Json::array())
                              .describe("2 to 20 for single and multiple choices, none otherwise")},
              {"showIf", object({{"question", key.describe("an earlier single or multiple "
                                                           "choice")},
                                 {"options", array(key).max_items(kMaxOptions)}})
                             .nullable()
                             .default_to(nullptr)
                             .describe("asked only when that question's answer includes one "
                                       "of these options")}}));
  return schema;
}

std::vector<Question> questions_of(const Json& json) {
  std::vector<Question> out;
  for (const Json& j : json) {
    Question q;
    q.id = j["id"].get<std::string>();
    q.kind = j["kind"].get<std::string>();
    q.title = j["title"].get<std::string>();
    q.required = j["required"].get<bool>();
    for (const Json& o : j["options"]) {
      q.options.push_back({o["id"].get<std::string>(), o["label"].get<std::string>()});
    }
    if (const Json& c = j["showIf"]; c.is_object()) {
      q.show_if =
          ShowIf{c["question"].get<std::string>(), c["options"].get<std::vector<std::string>>()};
    }
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<http::Property> input_properties() {
  using namespace http::schema;
  return {{"unit", unit_code().describe("the unit running it: a county, township, village or "
                                        "community")},
          {"title", text(kMaxTitle)},
          {"description", text(kMaxDescription).min_length(0).default_to("")},
          {"anonymous", boolean().describe("keeps no link from a response to whoever gave it")},
          {"per", enum_of({"resident", "household"})
                      .describe("one response per resident or "
                                "per household")},
          {"target", array(unit_code())
                         .max_items(kMaxTargets)
                         .describe("the unit itself or townships, villages and communities "
                                   "below it, each with its subtree")},
          {"opensAt", text(30).describe("a UTC timestamp, 2026-07-20T00:00:00.000Z")},
          {"closesAt", text(30)},
          {"questions", array(question_schema()).max_items(kMaxQuestions)}};
}

SurveyInput input_of(const Json& body) {
  SurveyInput in;
  in.unit = body["unit"].get<std::string>();
  in.title = body["title"].get<std::string>();
  in.description = body["description"].get<std::string>();
  in.anonymous = body["anonymous"].get<bool>();
  in.per = body["per"].get<std::string>();
  in.target = body["target"].get<std::vector<std::string>>();
  in.opens_at = body["opensAt"].get<std::string>();
  in.closes_at = body["closesAt"].get<std::string>();
  in.questions = questions_of(body["questions"]);
  return in;
}

const http::Schema& answers_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      array(component(
                "SurveyAnswer",
                object({{"question", text(kMaxKey)},
                        {"choices",
                         array(text(kMaxKey)).max_items(kMaxOptions).default_to(Json::array())},
                        {"rating", integer(kMinRating, kMaxRating).nullable().default_to(nullptr)},
                        {"text", text(kMaxAnswerText).nullable().default_to(nullptr)}})))
          .max_items(kMaxQuestions);
  return schema;
}

std::vector<Answer> answers_of(const Json& json) {
  std::vector<Answer> out;
  for (const Json& j : json) {
    Answer a;
    a.question = j["question"].get<std::string>();
    a.choices = j["choices"].get<std::vector<std::string>>();
    if (j["rating"].is_number_integer()) a.rating = j["rating"].get<int64_t>();
    if (j["text"].is_string()) a.text = j["text"].get<std::string>();
    out.push_back(std::move(a));
  }
  return out;
}

const std::vector<std::string>& phases() {
  static const std::vector<std::string> values{"draft", "scheduled", "open", "closed"};
  return values;
}

const http::Schema& summary_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("SurveySummary", object({{"id", integer(1, kMaxInt)},
                                         {"unit", string()},
                                         {"unitName", string()},
                                         {"title", string()},
                                         {"status", enum_of(phases())},
                                         {"anonymous", boolean()},
                                         {"per", enum_of({"resident", "household"})},
                                         {"opensAt", string()},
                                         {"closesAt", string()},
                                         {"responses", integer(0, kMaxInt)},
                                         {"questionsVersion", integer(0, kMaxInt)}}));
  return schema;
}

Json summary_json(const SurveyView& v) {
  const Survey& s = v.survey;
  return {{"id", s.id},
          {"unit", s.unit_code},
          {"unitName", v.unit_name},
          {"title", s.title},
          {"status", v.phase},
          {"anonymous", s.anonymous},
          {"per", s.per},
          {"opensAt", s.opens_at},
          {"closesAt", s.closes_at},
          {"responses", v.responses},
          {"questionsVersion", s.current_version}};
}

const http::Schema& survey_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "Survey", object({{"id", integer(1, kMaxInt)},
                        {"version", integer(1, kMaxInt)},
                        {"unit", string()},
                        {"unitName", string()},
                        {"title", string()},
                        {"description", string()},
                        {"anonymous", boolean()},
                        {"per", enum_of({"resident", "household"})},
                        {"target", array(string())},
                        {"opensAt", string()},
                        {"closesAt", string()},
                        {"status", enum_of(phases())},
                        {"questions", array(question_schema())},
                        {"questionsVersion", integer(0, kMaxInt).describe("0 while a draft")},
                        {"versions", array(object({{"number", integer(1, kMaxInt)},
                                                   {"publishedAt", string()},
                                                   {"responses", integer(0, kMaxInt)}}))},
                        {"responses", integer(0, kMaxInt)},
                        {"createdByName", string()},
                        {"createdAt", string()},
                        {"updatedAt", string()},
                        {"publishedAt", string().nullable()},
                        {"closedAt", string().nullable()}}));
  return schema;
}

Json survey_json(const SurveyView& v) {
  const Survey& s = v.survey;
  Json versions = Json::array();
  for (const QuestionsVersion& q : v.versions) {
    versions.push_back(
        {{"number", q.number}, {"publishedAt", q.published_at}, {"responses", q.responses}});
  }
  return {{"id", s.id},
          {"version", s.version},
          {"unit", s.unit_code},
          {"unitName", v.unit_name},
          {"title", s.title},
          {"description", s.description},
          {"anonymous", s.anonymous},
          {"per", s.per},
          {"target", s.target},
          {"opensAt", s.opens_at},
          {"closesAt", s.closes_at},
          {"status", v.phase},
          {"questions", questions_json(v.questions)},
          {"questionsVersion", s.current_version},
          {"versions", versions},
          {"responses", v.responses},
          {"createdByName", s.created_by_name},
          {"createdAt", s.created_at},
          {"updatedAt", s.updated_at},
          {"publishedAt", optional_json(s.published_at)},
          {"closedAt", optional_json(s.closed_at)}};
}

const http::Schema& mine_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("MySurvey", object({{"id", integer(1, kMaxInt)},
                                    {"title", string()},
                                    {"description", string()},
                                    {"unitName", string()},
                                    {"anonymous", boolean()},
                                    {"per", enum_of({"resident", "household"})},
                                    {"opensAt", string()},
                                    {"closesAt", string()},
                                    {"status", enum_of(phases())},
                                    {"answered", boolean()},
                                    {"questions", array(question_schema()).optional()}}));
  return schema;
}

Json mine_json(const ResidentSurvey& r, bool with_questions) {
  const Survey& s = r.view.survey;
  Json out{{"id", s.id},
           {"title", s.title},
           {"description", s.description},
           {"unitName", r.view.unit_name},
           {"anonymous", s.anonymous},
           {"per", s.per},
           {"opensAt", s.opens_at},
           {"closesAt", s.closes_at},
           {"status", r.view.phase},
           {"answered", r.answered}};
  if (with_questions) out["questions"] = questions_json(r.view.questions);
  return out;
}

http::Schema nullable_number() {
  return http::schema::number().nullable();
}

Json interval_low(const std::optional<Interval>& i) {
  return i ? Json(rounded(i->low)) : Json();
}

Json interval_high(const std::optional<Interval>& i) {
  return i ? Json(rounded(i->high)) : Json();
}

const http::Schema& results_schema() {
  using namespace http::schema;
  static const http::Schema estimate = object({{"n", integer(0, kMaxInt)},
                                               {"mean", number()},
                                               {"sd", number()},
                                               {"low", nullable_number()},
                                               {"high", nullable_number()}});
  static const http::Schema schema = component(
      "SurveyResults",
      object({{"survey", summary_schema()},
              {"unit", string()},
              {"unitName", string()},
              {"questionsVersion", integer(0, kMaxInt)},
              {"eligible", integer(0, kMaxInt)
                               .describe("residents (or households) living in the "
                                         "target within the unit now")},
              {"responses", integer(0, kMaxInt)},
              {"responseRate", nullable_number()},
              {"questions",
               array(object(
                   {{"id", string()},
                    {"kind", string()},
                    {"title", string()},
                    {"answered", integer(0, kMaxInt)},
                    {"options", array(object({{"id", string()},
                                              {"label", string()},
                                              {"count", integer(0, kMaxInt)},
                                              {"share", number()},
                                              {"low", number().describe("95% Wilson interval")},
                                              {"high", number()}}))},
                    {"rating", object({{"n", integer(0, kMaxInt)},
                                       {"mean", number()},
                                       {"sd", number()},
                                       {"low", nullable_number().describe("95% t interval; null "
                                                                          "below 2 answers")},
                                       {"high", nullable_number()},
                                       {"counts", array(integer(0, kMaxInt))}})
                                   .nullable()},
                    {"texts", array(string()).describe("the newest 50")},
                    {"textsTotal", integer(0, kMaxInt)}}))},
              {"units", array(object({{"unit", string()},
                                      {"unitName", string()},
                                      {"eligible", integer(0, kMaxInt)},
                                      {"responses", integer(0, kMaxInt)},
                                      {"responseRate", nullable_number()},
                                      {"ratings", array(object({{"question", string()},
                                                                {"n", integer(0, kMaxInt)},
                                                                {"mean", number()},
                                                                {"low", nullable_number()},
                                                                {"high", nullable_number()}}))}}))
                            .describe("the unit's children that the target reaches")}}));
  return schema;
}

Json rate(int64_t responses, int64_t eligible) {
  return eligible > 0 ? Json(rounded(static_cast<double>(responses) / eligible)) : Json();
}

Json results_json(const Results& r) {
  Json questions = Json::array();
  for (const QuestionResult& q : r.questions) {
    Json options = Json::array();
    for (const OptionResult& o : q.options) {
      options.push_back({{"id", o.option.id},
                         {"label", o.option.label},
                         {"count", o.count},
                         {"share", rounded(o.share)},
                         {"low", rounded(o.interval.low)},
                         {"high", rounded(o.interval.high)}});
    }
    Json rating;
    if (q.question.kind == kRating) {
      const MeanEstimate e = q.rating.value_or(MeanEstimate{});
      rating = {{"n", e.n},
                {"mean", rounded(e.mean)},
                {"sd", rounded(e.sd)},
                {"low", interval_low(e.interval)},
                {"high", interval_high(e.interval)},
                {"counts", q.rating_counts}};
    }
    questions.push_back({{"id", q.question.id},
                         {"kind", q.question.kind},
                         {"title", q.question.title},
                         {"answered", q.answered},
                         {"options", options},
                         {"rating", rating},
                         {"texts", q.texts},
                         {"textsTotal", q.texts_total}});
  }
  Json units = Json::array();
  for (const UnitResult& u : r.units) {
    Json ratings = Json::array();
    for (const UnitRating& rating : u.ratings) {
      ratings.push_back({{"question", rating.question},
                         {"n", rating.estimate.n},
                         {"mean", rounded(rating.estimate.mean)},
                         {"low", interval_low(rating.estimate.interval)},
                         {"high", interval_high(rating.estimate.interval)}});
    }
    units.push_back({{"unit", u.unit},
                     {"unitName", u.unit_name},
                     {"eligible", u.eligible},
                     {"responses", u.responses},
                     {"responseRate", rate(u.responses, u.eligible)},
                     {"ratings", ratings}});
  }
  return {{"survey", summary_json(r.survey)},
          {"unit", r.unit},
          {"unitName", r.unit_name},
          {"questionsVersion", r.questions_version},
          {"eligible", r.eligible},
          {"responses", r.responses},
          {"responseRate", rate(r.responses, r.eligible)},
          {"questions", questions},
          {"units", units}};
}

const http::Schema& row_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("SurveyResultRow", object({{"unit", string()},
                                           {"unitName", string()},
                                           {"question", string()},
                                           {"questionTitle", string()},
                                           {"answer", string()},
                                           {"count", integer(0, kMaxInt)},
                                           {"share", nullable_number()},
                                           {"mean", nullable_number()},
                                           {"low", nullable_number()},
                                           {"high", nullable_number()}}));
  return schema;
}

Json row_json(const ResultRow& r) {
  return {{"unit", r.unit},
          {"unitName", r.unit_name},
          {"question", r.question},
          {"questionTitle", r.question_title},
          {"answer", r.answer},
          {"count", r.count},
          {"share", r.share ? Json(rounded(*r.share)) : Json()},
          {"mean", r.mean ? Json(rounded(*r.mean)) : Json()},
          {"low", interval_low(r.interval)},
          {"high", interval_high(r.interval)}};
}

std::vector<http::Property> results_query() {
  using namespace http::schema;
  return {{"unit", unit_code().optional().describe("default: the survey's unit, or the caller's "
                                                   "first unit it concerns")},
          {"questionsVersion", integer(0, kMaxInt).default_to(0).describe("0: the current one")}};
}

}  // namespace

void add_routes(http::Router& router, const SurveyService& service) {
  using namespace http::schema;
  std::vector<http::Property> list_query = paging();
  list_query.push_back({"status", enum_of(phases()).optional()});
  router.add({.method = "GET",
              .pattern = "/api/v1/surveys",
              .permission = std::string(kSurveyRead),
              .summary = "Surveys run in the caller's scope or reaching into it; newest first",
              .tag = "surveys",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                SHEQU_ASSIGN_OR_RETURN(
                    auto page,
                    service.list(*request.actor, q.value("status", std::string()),
                                 {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
                Json items = Json::array();
                for (const SurveyView& v : page.items) items.push_back(summary_json(v));
                return Response::json(200, {{"items", items}, {"total", page.total}});
              },
              .contract = {.query = list_query, .replies = {{.json = page_of(summary_schema())}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/surveys",
              .permission = std::string(kSurveyWrite),
              .summary = "Composes a survey (a draft)",
              .tag = "surveys",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const SurveyView v,
                                       service.create(*request.actor, input_of(request.body_json)));
                return Response::json(201, survey_json(v));
              },
              .contract = {.body = object(input_properties()),
                           .replies = {{.status = 201, .json = survey_schema()}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/surveys/{id}",
              .permission = std::string(kSurveyRead),
              .summary = "One survey with its questions and versions",
              .tag = "surveys",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const SurveyView v,
                    service.find(*request.actor, request.path_json["id"].get<int64_t>()));
                return Response::json(200, survey_json(v));
              },
              .contract = {.path = ids_path(), .replies = {{.json = survey_schema()}}}});
  std::vector<http::Property> update_body = input_properties();
  update_body.push_back({"version", integer(1, kMaxInt)});
  router.add({.method = "PUT",
              .pattern = "/api/v1/surveys/{id}",
              .permission = std::string(kSurveyWrite),
              .summary = "Rewrites a survey; once published only its title, description, "
                         "closing time and questions (a new version) change",
              .tag = "surveys",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const SurveyView v,
                    service.update(*request.actor, request.path_json["id"].get<int64_t>(),
                                   request.body_json["version"].get<int64_t>(),
                                   input_of(request.body_json)));
                return Response::json(200, survey_json(v));
              },
              .contract = {.path = ids_path(),
                           .body = object(update_body),
                           .replies = {{.json = survey_schema()}}}});
  const auto versioned = [&](const char* pattern, const char* summary, auto act) {
    router.add({.method = "POST",
                .pattern = pattern,
                .permission = std::string(kSurveyWrite),
                .summary = summary,
                .tag = "surveys",
                .handler = [&service, act](const Request& request) -> Result<Response> {
                  SHEQU_ASSIGN_OR_RETURN(
                      const SurveyView v,
                      act(service, *request.actor, request.path_json["id"].get<int64_t>(),
                          request.body_json["version"].get<int64_t>()));
                  return Response::json(200, survey_json(v));
                },
                .contract = {.path = ids_path(),
                             .body = object({{"version", integer(1, kMaxInt)}}),
                             .replies = {{.json = survey_schema()}}}});
  };
  versioned("/api/v1/surveys/{id}/publish",
            "Publishes a draft: its questions become version 1; its target must hold somebody",
            [](const SurveyService& s, const Actor& a, int64_t id, int64_t version) {
              return s.publish(a, id, version);
            });
  versioned("/api/v1/surveys/{id}/close", "Closes a published survey before its closing time",
            [](const SurveyService& s, const Actor& a, int64_t id, int64_t version) {
              return s.close(a, id, version);
            });
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/surveys/{id}/results",
       .permission = std::string(kSurveyRead),
       .summary = "Results over a unit's part of the target: response rate, option shares and "
                  "rating means with 95% intervals, per child unit",
       .tag = "surveys",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         SHEQU_ASSIGN_OR_RETURN(
             const Results r,
             service.results(*request.actor, request.path_json["id"].get<int64_t>(),
                             q.value("unit", std::string()), q["questionsVersion"].get<int64_t>()));
         return Response::json(200, results_json(r));
       },
       .contract = {
           .path = ids_path(), .query = results_query(), .replies = {{.json = results_schema()}}}});
  std::vector<http::Property> rows_query = paging();
  for (http::Property& p : results_query()) rows_query.push_back(std::move(p));
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/surveys/{id}/results/rows",
       .permission = std::string(kSurveyRead),
       .summary = "The results as table rows (their Excel download: …/rows.xlsx)",
       .tag = "surveys",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         SHEQU_ASSIGN_OR_RETURN(
             const auto rows,
             service.result_rows(*request.actor, request.path_json["id"].get<int64_t>(),
                                 q.value("unit", std::string()),
                                 q["questionsVersion"].get<int64_t>(), request.locale));
         const auto size = static_cast<std::size_t>(q["pageSize"].get<int64_t>());
         const auto from = static_cast<std::size_t>(q["page"].get<int64_t>() - 1) * size;
         Json items = Json::array();
         for (std::size_t i = from; i < rows.size() && i < from + size; ++i) {
           items.push_back(row_json(rows[i]));
         }
         return Response::json(200, {{"items", items}, {"total", rows.size()}});
       },
       .contract = {.path = ids_path(),
                    .query = rows_query,
                    .replies = {{.json = page_of(row_schema())}}},
       .exports = http::ListExport{
           .title = {"满意度调查结果", "Survey results"},
           .columns = {{.field = "unit",
                        .label = {"单位", "Unit"},
                        .format = http::ExportFormat::unit,
                        .width = 36},
                       {.field = "questionTitle", .label = {"问题", "Question"}, .width = 36},
                       {.field = "answer", .label = {"选项", "Answer"}, .width = 20},
                       {.field = "count", .label = {"人数", "Count"}, .width = 8},
                       {.field = "share", .label = {"占比", "Share"}, .width = 8},
                       {.field = "mean", .label = {"平均分", "Mean"}, .width = 8},
                       {.field = "low", .label = {"95% 区间下限", "95% low"}, .width = 12},
                       {.field = "high", .label = {"95% 区间上限", "95% high"}, .width = 12}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/surveys/{id}/responses",
              .permission = std::string(kResponseCollect),
              .summary = "Fills the survey in with a resident during a visit (staff)",
              .tag = "surveys",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_TRY(service.collect(*request.actor, request.path_json["id"].get<int64_t>(),
                                          request.body_json["person"].get<int64_t>(),
                                          answers_of(request.body_json["answers"])));
                return Response::json(201, {{"received", true}});
              },
              .contract = {
                  .path = ids_path(),
                  .body = object({{"person", integer(1, kMaxInt)}, {"answers", answers_schema()}}),
                  .replies = {{.status = 201, .json = object({{"received", boolean()}})}}}});

  router.add({.method = "GET",
              .pattern = "/api/v1/surveys/mine",
              .permission = std::string(kSurveyAnswer),
              .summary = "The open and coming surveys that reach the caller (a resident)",
              .tag = "surveys",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const ResidentSurveys mine, service.mine(*request.actor));
                Json items = Json::array();
                for (const ResidentSurvey& r : mine.items) items.push_back(mine_json(r, false));
                return Response::json(
                    200, {{"items", items}, {"total", mine.items.size()}, {"linked", mine.linked}});
              },
              .contract = {
                  .replies = {{.json = object(
                                   {{"items", array(mine_schema())},
                                    {"total", integer(0, kMaxInt)},
                                    {"linked", boolean().describe("the account's phone is a "
                                                                  "registered resident's")}})}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/surveys/mine/{id}",
              .permission = std::string(kSurveyAnswer),
              .summary = "One survey that reaches the caller, with its questions",
              .tag = "surveys",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const ResidentSurvey r,
                    service.open_mine(*request.actor, request.path_json["id"].get<int64_t>()));
                return Response::json(200, mine_json(r, true));
              },
              .contract = {.path = ids_path(), .replies = {{.json = mine_schema()}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/surveys/mine/{id}/answer",
       .permission = std::string(kSurveyAnswer),
       .summary = "Answers a survey (once per resident or household)",
       .tag = "surveys",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_TRY(service.answer(*request.actor, request.path_json["id"].get<int64_t>(),
                                  answers_of(request.body_json["answers"])));
         return Response::json(201, {{"received", true}});
       },
       .contract = {.path = ids_path(),
                    .body = object({{"answers", answers_schema()}}),
                    .replies = {{.status = 201, .json = object({{"received", boolean()}})}}}});
}

}  // namespace shequ::surveys
