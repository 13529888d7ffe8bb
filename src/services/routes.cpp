#include "services/routes.hpp"

#include <cmath>

#include "http/contract.hpp"
#include "lists/model.hpp"
#include "org/unit_json.hpp"
#include "services/declaration.hpp"
#include "volunteer/model.hpp"

namespace shequ::services {

namespace {

using http::Request;
using http::Response;
using org::id_of;
using org::page_of_query;

Json optional_json(const std::optional<int64_t>& value) {
  return value ? Json(*value) : Json(nullptr);
}

// A mean as people read it: two decimals (a rating of 3.46, a score of 87.5).
Json optional_json(const std::optional<double>& value) {
  return value ? Json(std::round(*value * 100) / 100) : Json(nullptr);
}

std::string kind_label(const std::string& kind, Locale locale) {
  const auto parsed = volunteer::parse_organisation_kind(kind);
  return parsed ? volunteer::kind_label(*parsed).in(locale) : kind;
}

const http::Schema& contract_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ServicesContract",
      object({{"id", integer(1, kMaxInt)},
              {"unit", string().describe("the buyer")},
              {"unitName", string()},
              {"organisationId", integer(1, kMaxInt).describe("the provider")},
              {"organisationName", string()},
              {"organisationKind", string()},
              {"organisationKindLabel", string()},
              {"title", string()},
              {"category", enum_of(choice_keys(lists::categories()))},
              {"categoryLabel", string()},
              {"content", string()},
              {"targetText", string()},
              {"targetPeople", integer(1, kMaxTargetPeople)},
              {"amountFen", integer(1, kMaxAmountFen)},
              {"fundingSource", string()},
              {"startsOn", string()},
              {"endsOn", string()},
              {"surveyId", integer(1, kMaxInt).nullable()},
              {"surveyTitle", string()},
              {"surveyQuestion", string()},
              {"surveyQuestionTitle", string()},
              {"state", enum_of(choice_keys(states()))},
              {"stateLabel", string()},
              {"phase", enum_of(choice_keys(phases()))},
              {"phaseLabel", string()},
              {"records", integer(0, kMaxInt).describe("service records not voided")},
              {"peopleServed", integer(0, kMaxInt)},
              {"completion", integer(0, kMaxInt).describe("people served per 100 targeted")},
              {"score", integer(0, 100).nullable().describe("its evaluation's, when evaluated")},
              {"grade", string().describe("its evaluation's grade; empty until evaluated")},
              {"gradeLabel", string()},
              {"satisfactionMean", number().nullable()},
              {"createdByName", string()},
              {"createdAt", string()},
              {"updatedAt", string()},
              {"version", integer(1, kMaxInt)}}));
  return schema;
}

int64_t completion(int64_t served, int64_t target) {
  return target > 0 ? served * 100 / target : 0;
}

Json contract_json(const ContractView& v, Locale locale) {
  const Contract& c = v.contract;
  return {{"id", c.id},
          {"unit", c.unit_code},
          {"unitName", v.unit_name},
          {"organisationId", c.organisation_id},
          {"organisationName", c.organisation_name},
          {"organisationKind", c.organisation_kind},
          {"organisationKindLabel", kind_label(c.organisation_kind, locale)},
          {"title", c.title},
          {"category", c.category},
          {"categoryLabel", choice_label(lists::categories(), c.category, locale)},
          {"content", c.content},
          {"targetText", c.target_text},
          {"targetPeople", c.target_people},
          {"amountFen", c.amount_fen},
          {"fundingSource", c.funding_source},
          {"startsOn", c.starts_on},
          {"endsOn", c.ends_on},
          {"surveyId", optional_json(c.survey_id)},
          {"surveyTitle", c.survey_title},
          {"surveyQuestion", c.survey_question},
          {"surveyQuestionTitle", c.survey_question_title},
          {"state", c.state},
          {"stateLabel", choice_label(states(), c.state, locale)},
          {"phase", v.phase},
          {"phaseLabel", choice_label(phases(), v.phase, locale)},
          {"records", c.records},
          {"peopleServed", c.people_served},
          {"completion", completion(c.people_served, c.target_people)},
          {"score", optional_json(c.score)},
          {"grade", c.grade},
          {"gradeLabel", c.grade.empty() ? "" : choice_label(grades(), c.grade, locale)},
          {"satisfactionMean", optional_json(c.satisfaction_mean)},
          {"createdByName", c.created_by_name},
          {"createdAt", c.created_at},
          {"updatedAt", c.updated_at},
          {"version", c.version}};
}

const http::Schema& evaluation_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ServicesEvaluation",
      object({{"evaluatedOn", string()},
              {"score", integer(0, 100)},
              {"grade", enum_of(choice_keys(grades()))},
              {"gradeLabel", string()},
              {"comment", string()},
              {"records", integer(0, kMaxInt)},
              {"peopleServed", integer(0, kMaxInt)},
              {"targetPeople", integer(0, kMaxInt)},
              {"completion", integer(0, kMaxInt)},
              {"satisfaction",
               object({{"surveyId", integer(1, kMaxInt)},
                       {"surveyTitle", string()},
                       {"question", string()},
                       {"questionTitle", string()},
                       {"responses", integer(0, kMaxInt)},
                       {"mean", number(0, 5).describe("0 when nobody answered")},
                       {"low", number().nullable().describe("95 % interval; none under 2")},
                       {"high", number().nullable()}})
                   .nullable()
                   .describe("the linked survey's rating over the buyer's unit; none unlinked")},
              {"evaluatedByName", string()},
              {"evaluatedAt", string()}}));
  return schema;
}

Json evaluation_json(const Evaluation& e, const Contract& c, Locale locale) {
  Json satisfaction = nullptr;
  if (e.satisfaction && c.survey_id) {
    satisfaction = {{"surveyId", *c.survey_id},
                    {"surveyTitle", c.survey_title},
                    {"question", c.survey_question},
                    {"questionTitle", c.survey_question_title},
                    {"responses", e.satisfaction->responses},
                    {"mean", std::round(e.satisfaction->mean * 100) / 100},
                    {"low", optional_json(e.satisfaction->low)},
                    {"high", optional_json(e.satisfaction->high)}};
  }
  return {{"evaluatedOn", e.evaluated_on},
          {"score", e.score},
          {"grade", e.grade},
          {"gradeLabel", choice_label(grades(), e.grade, locale)},
          {"comment", e.comment},
          {"records", e.records},
          {"peopleServed", e.people_served},
          {"targetPeople", e.target_people},
          {"completion", completion(e.people_served, e.target_people)},
          {"satisfaction", satisfaction},
          {"evaluatedByName", e.evaluated_by_name},
          {"evaluatedAt", e.evaluated_at}};
}

const http::Schema& detail_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ServicesContractDetail",
      object({{"contract", contract_schema()}, {"evaluation", evaluation_schema().nullable()}}));
  return schema;
}

Json detail_json(const ContractDetail& d, Locale locale) {
  return {{"contract", contract_json(d.contract, locale)},
          {"evaluation", d.evaluation ? evaluation_json(*d.evaluation, d.contract.contract, locale)
                                      : Json(nullptr)}};
}

const http::Schema& record_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("ServicesRecord", object({{"id", integer(1, kMaxInt)},
                                          {"contractId", integer(1, kMaxInt)},
                                          {"servedOn", string()},
                                          {"unit", string()},
                                          {"unitName", string()},
                                          {"place", string()},
                                          {"content", string()},
                                          {"peopleServed", integer(1, kMaxPeopleServed)},
                                          {"recordedByName", string()},
                                          {"recordedAt", string()},
                                          {"voided", boolean()},
                                          {"voidReason", string()},
                                          {"voidedByName", string()},
                                          {"voidedAt", string().nullable()}}));
  return schema;
}

Json record_json(const RecordView& v) {
  const ServiceRecord& r = v.record;
  return {{"id", r.id},
          {"contractId", r.contract_id},
          {"servedOn", r.served_on},
          {"unit", r.unit_code},
          {"unitName", v.unit_name},
          {"place", r.place},
          {"content", r.content},
          {"peopleServed", r.people_served},
          {"recordedByName", r.recorded_by_name},
          {"recordedAt", r.recorded_at},
          {"voided", r.voided_at.has_value()},
          {"voidReason", r.void_reason},
          {"voidedByName", r.voided_by_name},
          {"voidedAt", r.voided_at ? Json(*r.voided_at) : Json(nullptr)}};
}

const http::Schema& provider_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("ServicesProvider", object({{"organisationId", integer(1, kMaxInt)},
                                            {"name", string()},
                                            {"kind", string()},
                                            {"kindLabel", string()},
                                            {"area", string()},
                                            {"areaName", string()},
                                            {"contracts", integer(0, kMaxInt)},
                                            {"amountFen", integer(0, kMaxInt)},
                                            {"evaluated", integer(0, kMaxInt)},
                                            {"meanScore", number(0, 100).nullable()},
                                            {"lastGrade", string()},
                                            {"lastGradeLabel", string()}}));
  return schema;
}

Json provider_json(const ProviderView& v, Locale locale) {
  const ProviderSummary& p = v.summary;
  return {
      {"organisationId", p.organisation_id},
      {"name", p.name},
      {"kind", p.kind},
      {"kindLabel", kind_label(p.kind, locale)},
      {"area", p.area_code},
      {"areaName", v.area_name},
      {"contracts", p.contracts},
      {"amountFen", p.amount_fen},
      {"evaluated", p.evaluated},
      {"meanScore", optional_json(p.mean_score)},
      {"lastGrade", p.last_grade},
      {"lastGradeLabel", p.last_grade.empty() ? "" : choice_label(grades(), p.last_grade, locale)}};
}

http::Schema contract_body(bool with_version) {
  using namespace http::schema;
  std::vector<http::Property> p{
      {"unit", unit_code().describe("the buyer: a county, township, village or community")},
      {"organisationId", integer(1, kMaxInt).describe("a social organisation of its county")},
      {"title", text(kMaxTitle).min_length(0)},
      {"category", text(30).min_length(0)},
      {"content", text(kMaxContent).min_length(0)},
      {"targetText", text(kMaxTargetText).min_length(0)},
      {"targetPeople", integer(0, kMaxTargetPeople)},
      {"amountFen", integer(0, kMaxAmountFen)},
      {"fundingSource", text(kMaxFundingSource).min_length(0)},
      {"startsOn", text(10).min_length(0).describe("YYYY-MM-DD")},
      {"endsOn", text(10).min_length(0).describe("YYYY-MM-DD, not before the start")},
      {"surveyId", integer(1, kMaxInt).nullable().default_to(nullptr)},
      {"surveyQuestion",
       text(20).min_length(0).default_to("").describe("a rating question; empty: the first")}};
  if (with_version) p.push_back({"version", integer(1, kMaxInt)});
  return object(std::move(p));
}

ContractInput contract_input(const Json& b) {
  ContractInput in;
  in.unit = b["unit"].get<std::string>();
  in.organisation_id = b["organisationId"].get<int64_t>();
  in.title = b["title"].get<std::string>();
  in.category = b["category"].get<std::string>();
  in.content = b["content"].get<std::string>();
  in.target_text = b["targetText"].get<std::string>();
  in.target_people = b["targetPeople"].get<int64_t>();
  in.amount_fen = b["amountFen"].get<int64_t>();
  in.funding_source = b["fundingSource"].get<std::string>();
  in.starts_on = b["startsOn"].get<std::string>();
  in.ends_on = b["endsOn"].get<std::string>();
  if (!b["surveyId"].is_null()) in.survey_id = b["surveyId"].get<int64_t>();
  in.survey_question = b["surveyQuestion"].get<std::string>();
  return in;
}

void add_contract_routes(http::Router& router, const ContractService& service) {
  using namespace http::schema;
  std::vector<http::Property> list_query = paging();
  list_query.push_back({"unit", unit_code().optional().describe("its subtree; none: the scope")});
  list_query.push_back({"year", integer(2000, 2100).optional().describe("the period overlaps it")});
  list_query.push_back({"organisation", integer(1, kMaxInt).optional().describe("the provider")});
  list_query.push_back({"phase", enum_of(choice_keys(phases())).optional()});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/services/contracts",
       .permission = std::string(kContractRead),
       .summary = "Services bought by units in scope (the list a unit buys), newest first",
       .tag = "services",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         ContractFilter filter;
         if (q.contains("year")) filter.year = q["year"].get<int>();
         if (q.contains("organisation")) filter.organisation_id = q["organisation"].get<int64_t>();
         filter.phase = q.value("phase", std::string());
         SHEQU_ASSIGN_OR_RETURN(auto page,
                                service.list(*request.actor, q.value("unit", std::string()),
                                             std::move(filter), page_of_query(q)));
         Json items = Json::array();
         for (const ContractView& v : page.items) items.push_back(contract_json(v, request.locale));
         return Response::json(200, {{"items", items}, {"total", page.total}});
       },
       .contract = {.query = list_query, .replies = {{.json = page_of(contract_schema())}}},
       .exports = http::ListExport{
           .title = {"政府购买社区服务清单", "Community services bought"},
           .columns = {
               {.field = "unit",
                .label = {"购买单位", "Buyer"},
                .format = http::ExportFormat::unit,
                .width = 30},
               {.field = "title", .label = {"服务项目", "Service"}, .width = 24},
               {.field = "categoryLabel", .label = {"服务类别", "Category"}, .width = 10},
               {.field = "organisationName", .label = {"承接组织", "Provider"}, .width = 28},
               {.field = "amountFen",
                .label = {"合同金额（元）", "Amount (yuan)"},
                .format = http::ExportFormat::fen},
               {.field = "fundingSource", .label = {"资金来源", "Funded by"}},
               {.field = "startsOn", .label = {"开始日期", "From"}, .width = 12},
               {.field = "endsOn", .label = {"结束日期", "Until"}, .width = 12},
               {.field = "content", .label = {"服务内容", "Content"}, .width = 40},
               {.field = "targetText", .label = {"服务目标", "Targets"}, .width = 30},
               {.field = "records", .label = {"服务记录数", "Records"}, .width = 10},
               {.field = "peopleServed", .label = {"服务人次", "People served"}, .width = 10},
               {.field = "completion", .label = {"完成率（%）", "Done (%)"}, .width = 10},
               {.field = "phaseLabel", .label = {"状态", "State"}, .width = 10},
               {.field = "gradeLabel", .label = {"评估等级", "Grade"}, .width = 10},
               {.field = "satisfactionMean",
                .label = {"满意度（1–5 分）", "Satisfaction (1–5)"},
                .width = 12}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/services/contracts",
              .permission = std::string(kContractWrite),
              .summary = "Contracts a social organisation of the county for a service; an end "
                         "before the start is refused",
              .tag = "services",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const ContractView v,
                    service.create(*request.actor, contract_input(request.body_json)));
                return Response::json(201, contract_json(v, request.locale));
              },
              .contract = {.body = contract_body(false),
                           .replies = {{.status = 201, .json = contract_schema()}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/services/contracts/{id}",
              .permission = std::string(kContractRead),
              .summary = "A contract with its evaluation, when evaluated",
              .tag = "services",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(const ContractDetail d,
                                       service.find(*request.actor, id_of(request)));
                return Response::json(200, detail_json(d, request.locale));
              },
              .contract = {.path = ids_path(), .replies = {{.json = detail_schema()}}}});
  router.add({.method = "PUT",
              .pattern = "/api/v1/services/contracts/{id}",
              .permission = std::string(kContractWrite),
              .summary = "Changes an active contract's terms at its version; once services are "
                         "recorded its buyer and provider stay and its period holds them",
              .tag = "services",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& b = request.body_json;
                SHEQU_ASSIGN_OR_RETURN(
                    const ContractView v,
                    service.update(*request.actor, id_of(request), b["version"].get<int64_t>(),
                                   contract_input(b)));
                return Response::json(200, contract_json(v, request.locale));
              },
              .contract = {.path = ids_path(),
                           .body = contract_body(true),
                           .replies = {{.json = contract_schema()}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/services/contracts/{id}/evaluation",
       .permission = std::string(kContractWrite),
       .summary = "Evaluates a contract once, after its period: a score and comment, with its "
                  "figures and the linked survey's satisfaction as they are now",
       .tag = "services",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& b = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             const ContractDetail d,
             service.evaluate(*request.actor, id_of(request), b["version"].get<int64_t>(),
                              b["score"].get<int64_t>(), b["comment"].get<std::string>()));
         return Response::json(200, detail_json(d, request.locale));
       },
       .contract = {.path = ids_path(),
                    .body = object({{"version", integer(1, kMaxInt)},
                                    {"score", integer(-1000, 1000).describe("0 to 100")},
                                    {"comment", text(kMaxComment).min_length(0).default_to("")}}),
                    .replies = {{.json = detail_schema()}}}});
}

void add_record_routes(http::Router& router, const ContractService& service) {
  using namespace http::schema;
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/services/contracts/{id}/records",
       .permission = std::string(kContractRead),
       .summary = "The services delivered under a contract, newest first; voided ones marked",
       .tag = "services",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(auto page, service.records(*request.actor, id_of(request),
                                                           page_of_query(request.query_json)));
         Json items = Json::array();
         for (const RecordView& v : page.items) items.push_back(record_json(v));
         return Response::json(200, {{"items", items}, {"total", page.total}});
       },
       .contract = {.path = ids_path(),
                    .query = paging(),
                    .replies = {{.json = page_of(record_schema())}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/services/contracts/{id}/records",
       .permission = std::string(kRecordWrite),
       .summary = "Records a service delivered under a contract, on a day of its period",
       .tag = "services",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& b = request.body_json;
         SHEQU_ASSIGN_OR_RETURN(
             const RecordView v,
             service.record(*request.actor, id_of(request),
                            {b["servedOn"].get<std::string>(), b["unit"].get<std::string>(),
                             b["place"].get<std::string>(), b["content"].get<std::string>(),
                             b["peopleServed"].get<int64_t>()}));
         return Response::json(201, record_json(v));
       },
       .contract = {.path = ids_path(),
                    .body = object({{"servedOn", text(10).min_length(0).describe("YYYY-MM-DD")},
                                    {"unit", text(15).min_length(0).default_to("").describe(
                                                 "where; empty: the contract's unit")},
                                    {"place", text(kMaxPlace).min_length(0).default_to("")},
                                    {"content", text(kMaxRecordContent).min_length(0)},
                                    {"peopleServed", integer(-1'000'000, 1'000'000)}}),
                    .replies = {{.status = 201, .json = record_schema()}}}});
  router.add({.method = "POST",
              .pattern = "/api/v1/services/records/{id}/void",
              .permission = std::string(kRecordWrite),
              .summary = "Voids a mistaken service record for a stated reason; it stays on record",
              .tag = "services",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    const RecordView v,
                    service.void_record(*request.actor, id_of(request),
                                        request.body_json["reason"].get<std::string>()));
                return Response::json(200, record_json(v));
              },
              .contract = {.path = ids_path(),
                           .body = object({{"reason", text(kMaxReason).min_length(0)}}),
                           .replies = {{.json = record_schema()}}}});
}

void add_provider_routes(http::Router& router, const ContractService& service) {
  using namespace http::schema;
  std::vector<http::Property> query = paging();
  query.push_back({"unit", unit_code().optional().describe("its subtree; none: the scope")});
  router.add({.method = "GET",
              .pattern = "/api/v1/services/providers",
              .permission = std::string(kContractRead),
              .summary = "Providers of the services bought in scope, most contracts first",
              .tag = "services",
              .handler = [&service](const Request& request) -> Result<Response> {
                const Json& q = request.query_json;
                SHEQU_ASSIGN_OR_RETURN(
                    auto page, service.providers(*request.actor, q.value("unit", std::string()),
                                                 page_of_query(q)));
                Json items = Json::array();
                for (const ProviderView& v : page.items) {
                  items.push_back(provider_json(v, request.locale));
                }
                return Response::json(200, {{"items", items}, {"total", page.total}});
              },
              .contract = {.query = query, .replies = {{.json = page_of(provider_schema())}}}});
  std::vector<http::Property> candidate_query = paging();
  candidate_query.push_back({"unit", unit_code().describe("the unit that buys")});
  candidate_query.push_back(
      {"q", text(50).min_length(0).default_to("").describe("part of the name")});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/services/providers/candidates",
       .permission = std::string(kContractWrite),
       .summary = "The social organisations a unit may contract: those of its county, by name",
       .tag = "services",
       .handler = [&service](const Request& request) -> Result<Response> {
         const Json& q = request.query_json;
         SHEQU_ASSIGN_OR_RETURN(auto page,
                                service.candidates(*request.actor, q["unit"].get<std::string>(),
                                                   q["q"].get<std::string>(), page_of_query(q)));
         Json items = Json::array();
         for (const Candidate& c : page.items) {
           const volunteer::Organisation& o = c.organisation;
           items.push_back({{"id", o.id},
                            {"name", o.name},
                            {"kind", volunteer::kind_key(o.kind)},
                            {"kindLabel", volunteer::kind_label(o.kind).in(request.locale)},
                            {"area", o.area_code},
                            {"areaName", c.area_name},
                            {"services", o.services}});
         }
         return Response::json(200, {{"items", items}, {"total", page.total}});
       },
       .contract = {.query = candidate_query,
                    .replies = {{.json = page_of(component("ServicesCandidate",
                                                           object({{"id", integer(1, kMaxInt)},
                                                                   {"name", string()},
                                                                   {"kind", string()},
                                                                   {"kindLabel", string()},
                                                                   {"area", string()},
                                                                   {"areaName", string()},
                                                                   {"services", string()}})))}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/services/providers/{id}",
       .permission = std::string(kContractRead),
       .summary = "A provider's record across its contracts in scope: contracts and evaluations",
       .tag = "services",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(const ProviderRecord r,
                                service.provider(*request.actor, id_of(request)));
         Json contracts = Json::array();
         for (const ContractView& v : r.contracts) {
           contracts.push_back(contract_json(v, request.locale));
         }
         Json evaluations = Json::array();
         for (const ProviderEvaluation& e : r.evaluations) {
           evaluations.push_back(
               {{"contractId", e.evaluation.contract_id},
                {"title", e.title},
                {"unitName", e.unit_name},
                {"evaluatedOn", e.evaluation.evaluated_on},
                {"score", e.evaluation.score},
                {"grade", e.evaluation.grade},
                {"gradeLabel", choice_label(grades(), e.evaluation.grade, request.locale)},
                {"satisfactionMean",
                 optional_json(e.evaluation.satisfaction && e.evaluation.satisfaction->responses > 0
                                   ? std::optional<double>(e.evaluation.satisfaction->mean)
                                   : std::nullopt)}});
         }
         return Response::json(200, {{"provider", provider_json(r.provider, request.locale)},
                                     {"contracts", contracts},
                                     {"evaluations", evaluations}});
       },
       .contract = {
           .path = ids_path(),
           .replies = {
               {.json = object({{"provider", provider_schema()},
                                {"contracts", array(contract_schema())},
                                {"evaluations",
                                 array(object({{"contractId", integer(1, kMaxInt)},
                                               {"title", string()},
                                               {"unitName", string()},
                                               {"evaluatedOn", string()},
                                               {"score", integer(0, 100)},
                                               {"grade", enum_of(choice_keys(grades()))},
                                               {"gradeLabel", string()},
                                               {"satisfactionMean", number().nullable()}}))}})}}}});
}

}  // namespace

void add_routes(http::Router& router, const ContractService& service) {
  add_contract_routes(router, service);
  add_record_routes(router, service);
  add_provider_routes(router, service);
}

}  // namespace shequ::services
