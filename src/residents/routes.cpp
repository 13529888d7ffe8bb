#include "residents/routes.hpp"

#include "org/unit_json.hpp"
#include "residents/declaration.hpp"
#include "residents/resident_import.hpp"

namespace shequ::residents {

namespace {

using http::Request;
using http::Response;

std::vector<std::string> keys_of(const std::vector<Choice>& choices) {
  std::vector<std::string> keys;
  for (const Choice& c : choices) keys.emplace_back(c.key);
  return keys;
}

std::vector<std::string> tag_keys() {
  std::vector<std::string> keys;
  for (const TagKind& k : tag_kinds()) keys.emplace_back(k.key);
  return keys;
}

const http::Schema& tag_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ResidentTag",
      object({{"key", enum_of(tag_keys())},
              {"label", string()},
              {"detail", string().describe("a disability's kind and grade, as physical:2; "
                                           "\"\" for other tags")}}));
  return schema;
}

const http::Schema& household_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ResidentHousehold",
      object({{"id", integer(1, kMaxInt)},
              {"unit", org::unit_ref_schema().describe("the village or community")},
              {"grid", org::unit_ref_schema()},
              {"address", string().describe("masked down to the street: 城关区畅家巷****")},
              {"lat", number().nullable()},
              {"lon", number().nullable()},
              {"type", enum_of(keys_of(household_types()))},
              {"typeLabel", string()},
              {"members", integer(0, kMaxInt).describe("living in it now")},
              {"version", integer(1, kMaxInt)}}));
  return schema;
}

const http::Schema& person_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ResidentPerson",
      object({{"id", integer(1, kMaxInt)},
              {"name", string().describe("masked: 张*三; \"\" once anonymised")},
              {"idNumber", string().describe("masked: 620***********123X")},
              {"phone", string().describe("masked: 138****5678; \"\" when none")},
              {"sex", enum_of({"male", "female"})},
              {"birthDate", date()},
              {"ethnicity", string()},
              {"registration", enum_of(keys_of(registrations()))},
              {"registrationLabel", string()},
              {"unit", org::unit_ref_schema()},
              {"grid", org::unit_ref_schema()},
              {"householdId", integer(1, kMaxInt).nullable().describe("none once moved away")},
              {"relation", string().describe("to the head of the current household; \"\" once "
                                             "moved away")},
              {"relationLabel", string()},
              {"movedOut", date().nullable()},
              {"anonymised", boolean()},
              {"tags", array(tag_schema()).describe("those the caller may see")},
              {"version", integer(1, kMaxInt)}}));
  return schema;
}

const http::Schema& person_detail_schema() {
  using namespace http::schema;
  static const http::Schema stay =
      component("ResidentStay", object({{"household", household_schema()},
                                        {"relation", string()},
                                        {"relationLabel", string()},
                                        {"movedIn", date()},
                                        {"movedOut", date().nullable()}}));
  static const http::Schema schema = component(
      "ResidentPersonDetail",
      object({{"person", person_schema()},
              {"household", household_schema().nullable()},
              {"history", array(stay).describe("the households lived in, oldest first")}}));
  return schema;
}

Json degrees(const std::optional<int32_t>& e7) {
  return e7 ? Json(*e7 / 1e7) : Json(nullptr);
}

Json household_json(const org::OrgService& org, const HouseholdView& v, Locale locale) {
  const Household& h = v.value;
  return {{"id", h.id},
          {"unit", org::unit_ref_json(org, h.unit_code)},
          {"grid", org::unit_ref_json(org, h.grid_code)},
          {"address", v.address},
          {"lat", degrees(h.lat_e7)},
          {"lon", degrees(h.lon_e7)},
          {"type", h.type},
          {"typeLabel", choice_label(household_types(), h.type, locale)},
          {"members", v.members},
          {"version", h.version}};
}

Json person_json(const org::OrgService& org, const PersonView& v, Locale locale) {
  const Person& p = v.value;
  Json tags = Json::array();
  for (const Tag& t : p.tags) {
    const TagKind* kind = find_tag_kind(t.key);
    tags.push_back({{"key", t.key},
                    {"label", kind != nullptr ? kind->label.in(locale) : t.key},
                    {"detail", t.detail}});
  }
  return {
      {"id", p.id},
      {"name", v.name},
      {"idNumber", v.id_number},
      {"phone", v.phone},
      {"sex", p.sex},
      {"birthDate", p.birth_date},
      {"ethnicity", p.ethnicity},
      {"registration", p.registration},
      {"registrationLabel", choice_label(registrations(), p.registration, locale)},
      {"unit", org::unit_ref_json(org, p.unit_code)},
      {"grid", org::unit_ref_json(org, p.grid_code)},
      {"householdId", p.household_id ? Json(*p.household_id) : Json(nullptr)},
      {"relation", p.relation},
      {"relationLabel", p.relation.empty() ? "" : choice_label(relations(), p.relation, locale)},
      {"movedOut", p.moved_out ? Json(*p.moved_out) : Json(nullptr)},
      {"anonymised", p.anonymised_at.has_value()},
      {"tags", std::move(tags)},
      {"version", p.version}};
}

Json detail_json(const org::OrgService& org, const PersonDetail& d, Locale locale) {
  Json history = Json::array();
  for (const Stay& s : d.history) {
    history.push_back({{"household", household_json(org, s.household, locale)},
                       {"relation", s.value.relation},
                       {"relationLabel", choice_label(relations(), s.value.relation, locale)},
                       {"movedIn", s.value.moved_in},
                       {"movedOut", s.value.moved_out ? Json(*s.value.moved_out) : Json(nullptr)}});
  }
  return {{"person", person_json(org, d.view, locale)},
          {"household", d.household ? household_json(org, *d.household, locale) : Json(nullptr)},
          {"history", std::move(history)}};
}

std::vector<Tag> tags_of(const Json& items) {
  std::vector<Tag> tags;
  for (const Json& t : items)
    tags.push_back({t["key"].get<std::string>(), t["detail"].get<std::string>()});
  return tags;
}

http::Schema tags_input() {
  using namespace http::schema;
  return array(object({{"key", text(40)},
                       {"detail", text(20).min_length(0).default_to("").describe(
                                      "a disability's kind and grade: physical:2")}}))
      .max_items(20);
}

std::vector<http::Property> id_path() {
  return {{"id", http::schema::integer(1, http::schema::kMaxInt)}};
}

int64_t id_of(const Request& request) {
  return request.path_json["id"].get<int64_t>();
}

}  // namespace

namespace {

Json choice_json(const std::vector<Choice>& choices, const std::string& key, Locale locale) {
  return choice_label(choices, key, locale);
}

const http::Schema& referral_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ResidentReferral",
      object({{"id", integer(1, kMaxInt)},
              {"person", person_schema()},
              {"visitId", integer(1, kMaxInt).nullable()},
              {"township", org::unit_ref_schema()},
              {"grid", org::unit_ref_schema()},
              {"kind", enum_of(keys_of(referral_kinds()))},
              {"kindLabel", string()},
              {"status", enum_of(keys_of(referral_statuses()))},
              {"statusLabel", string()},
              {"reason", string().describe("the hardship found, then the decision's grounds")},
              {"createdAt", string()},
              {"decidedAt", string().nullable()},
              {"version", integer(1, kMaxInt)}}));
  return schema;
}

const http::Schema& visit_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ResidentVisit",
      object(
          {{"id", integer(1, kMaxInt)},
           {"personId", integer(1, kMaxInt)},
           {"grid", org::unit_ref_schema()},
           {"visitedOn", date()},
           {"visitor",
            object({{"id", integer()}, {"username", string()}, {"displayName", string()}})},
           {"met", enum_of(keys_of(visit_met()))},
           {"metLabel", string()},
           {"health", enum_of(keys_of(visit_conditions()))},
           {"living", enum_of(keys_of(visit_conditions()))},
           {"safety", enum_of(keys_of(visit_safety()))},
           {"needs", array(enum_of(keys_of(visit_needs())))},
           {"note", string().describe("\"\" unless the caller records visits there")},
           {"lat", number().nullable()},
           {"lon", number().nullable()},
           {"recordedAt", string()},
           {"replayed", boolean().describe("sent before: nothing new was written")},
           {"referral", referral_schema().nullable()},
           {"requestId", integer().nullable().describe("the request (诉求) a finding opened")}}));
  return schema;
}

Json referral_json(const org::OrgService& org, const ReferralView& v, Locale locale) {
  const Referral& r = v.value;
  return {{"id", r.id},
          {"person", person_json(org, v.person, locale)},
          {"visitId", r.visit_id ? Json(*r.visit_id) : Json(nullptr)},
          {"township", org::unit_ref_json(org, r.township_code)},
          {"grid", org::unit_ref_json(org, r.grid_code)},
          {"kind", r.kind},
          {"kindLabel", choice_json(referral_kinds(), r.kind, locale)},
          {"status", r.status},
          {"statusLabel", choice_json(referral_statuses(), r.status, locale)},
          {"reason", r.reason},
          {"createdAt", r.created_at},
          {"decidedAt", r.decided_at ? Json(*r.decided_at) : Json(nullptr)},
          {"version", r.version}};
}

Json visit_json(const org::OrgService& org, const VisitView& v, Locale locale) {
  const Visit& visit = v.value;
  const Json referral = v.referral ? referral_json(org, *v.referral, locale) : Json(nullptr);
  return {{"id", visit.id},
          {"personId", visit.person_id},
          {"grid", org::unit_ref_json(org, visit.grid_code)},
          {"visitedOn", visit.visited_on},
          {"visitor",
           {{"id", visit.visitor_id},
            {"username", visit.visitor_username},
            {"displayName", visit.visitor_display_name}}},
          {"met", visit.met},
          {"metLabel", choice_json(visit_met(), visit.met, locale)},
          {"health", visit.health},
          {"living", visit.living},
          {"safety", visit.safety},
          {"needs", visit.needs},
          {"note", v.note},
          {"lat", degrees(visit.lat_e7)},
          {"lon", degrees(visit.lon_e7)},
          {"recordedAt", visit.recorded_at},
          {"replayed", v.replayed},
          {"referral", referral},
          {"requestId", visit.request_id ? Json(*visit.request_id) : Json(nullptr)}};
}

Json rules_json(const std::vector<EffectiveRule>& rules, Locale locale) {
  Json items = Json::array();
  for (const EffectiveRule& r : rules) {
    const TagKind* kind = find_tag_kind(r.tag);
    items.push_back({{"tag", r.tag},
                     {"label", kind != nullptr ? kind->label.in(locale) : r.tag},
                     {"everyMonths", r.every_months},
                     {"setAt", r.set_at.empty() ? Json(nullptr) : Json(r.set_at)}});
  }
  const auto total = static_cast<int64_t>(items.size());
  return {{"items", std::move(items)}, {"total", total}};
}

const http::Schema& rule_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ResidentCareRule",
      object({{"tag", enum_of(tag_keys())},
              {"label", string()},
              {"everyMonths", integer_enum({0, 1, 3}).describe("0 not visited, 1 monthly, "
                                                               "3 quarterly")},
              {"setAt", string().nullable().describe("the unit whose rule holds; null: the "
                                                     "default")}}));
  return schema;
}

void add_visit_routes(http::Router& router, const VisitService& visits,
                      const org::OrgService& org) {
  using namespace http::schema;
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/persons/{id}/visits",
      .permission = std::string(kVisitRecord),
      .summary = "Record a home visit; sent again with the same key (from a phone that was "
                 "offline), the visit already kept is answered (200) and nothing is written",
      .tag = "residents",
      .handler = [&visits, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        NewVisit input;
        input.client_key = body["key"].get<std::string>();
        input.visited_on = body["visitedOn"].get<std::string>();
        input.met = body["met"].get<std::string>();
        input.health = body["health"].get<std::string>();
        input.living = body["living"].get<std::string>();
        input.safety = body["safety"].get<std::string>();
        input.needs = body["needs"].get<std::vector<std::string>>();
        input.note = body["note"].get<std::string>();
        input.lat = http::field<double>(body, "lat");
        input.lon = http::field<double>(body, "lon");
        input.refer = http::field<std::string>(body, "refer");
        input.refer_reason = body["referReason"].get<std::string>();
        if (body.contains("request")) {
          input.request = NewVisit::Request{body["request"]["categoryCode"].get<std::string>(),
                                            body["request"]["description"].get<std::string>()};
        }
        SHEQU_ASSIGN_OR_RETURN(VisitView v, visits.record(*request.actor, id_of(request), input));
        return Response::json(v.replayed ? 200 : 201, visit_json(org, v, request.locale));
      },
      .contract = {.path = id_path(),
                   .body = object(
                       {{"key", text(64).describe("chosen by the recording device, 8-64 "
                                                  "letters, digits, - or _")},
                        {"visitedOn", text(10).describe("YYYY-MM-DD")},
                        {"met", text(20)},
                        {"health", text(20)},
                        {"living", text(20)},
                        {"safety", text(20)},
                        {"needs", array(text(20)).max_items(10).default_to(Json::array())},
                        {"note", text(kMaxVisitNote).min_length(0).default_to("")},
                        {"lat", number(-90, 90).optional()},
                        {"lon", number(-180, 180).optional()},
                        {"refer", text(20).optional().describe(
                                      "a hardship found: the assessment to ask the township for")},
                        {"referReason", text(200).min_length(0).default_to("")},
                        {"request",
                         object({{"categoryCode", text(64).describe("a leaf of the catalogue")},
                                 {"description", text(requests::kMaxDescription)}})
                             .optional()
                             .describe("a finding that needs action: the request (诉求) to open "
                                       "with the visit, in the person's grid")}}),
                   .replies = {{.status = 201, .json = visit_schema()},
                               {.status = 200, .json = visit_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/persons/{id}/visits",
      .permission = std::string(kPersonRead),
      .summary = "A person's visits, newest first (at most 100); the read is audited",
      .tag = "residents",
      .handler = [&visits, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto found, visits.visits(*request.actor, id_of(request)));
        Json items = Json::array();
        for (const VisitView& v : found) items.push_back(visit_json(org, v, request.locale));
        const auto total = static_cast<int64_t>(items.size());
        return Response::json(200, {{"items", std::move(items)}, {"total", total}});
      },
      .contract = {.path = id_path(), .replies = {{.json = page_of(visit_schema())}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/visits/overdue",
      .permission = std::string(kPersonRead),
      .summary = "Care targets in scope not visited in the period holding today, never visited "
                 "first, then the longest since",
      .tag = "residents",
      .handler = [&visits, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        SHEQU_ASSIGN_OR_RETURN(
            auto page, visits.overdue(*request.actor, http::field<std::string>(q, "unit"),
                                      {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
        Json items = Json::array();
        for (const OverdueTarget& t : page.items) {
          items.push_back({{"person", person_json(org, t.person, request.locale)},
                           {"everyMonths", t.every_months},
                           {"periodStart", t.period_start},
                           {"lastVisit", t.last_visit ? Json(*t.last_visit) : Json(nullptr)},
                           {"daysSince", t.days_since}});
        }
        return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
      },
      .contract = {.query =
                       [] {
                         auto query = paging();
                         query.push_back({"unit", unit_code().optional().describe(
                                                      "a subtree (default: the caller's scope)")});
                         return query;
                       }(),
                   .replies = {{.json = page_of(component(
                                    "ResidentOverdueTarget",
                                    object({{"person", person_schema()},
                                            {"everyMonths", integer_enum({1, 3})},
                                            {"periodStart", date()},
                                            {"lastVisit",
                                             date().nullable().describe("null: never visited")},
                                            {"daysSince", integer(0, kMaxInt)
                                                              .describe(
                                                                  "since the last visit, or since "
                                                                  "the period began")}})))}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/care-rules/{code}",
      .permission = std::string(kPersonRead),
      .summary = "Who is visited how often at a unit: per tag, the rule that holds and where "
                 "it was set",
      .tag = "residents",
      .handler = [&visits](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(
            auto rules,
            visits.care_rules(*request.actor, request.path_json["code"].get<std::string>()));
        return Response::json(200, rules_json(rules, request.locale));
      },
      .contract = {.path = {{"code", unit_code()}}, .replies = {{.json = page_of(rule_schema())}}},
  });
  router.add({
      .method = "PUT",
      .pattern = "/api/v1/residents/care-rules/{code}",
      .permission = std::string(kRulesManage),
      .summary = "The province or a city sets who is visited how often (its own rules, all of "
                 "them; a tag left out follows the level above)",
      .tag = "residents",
      .handler = [&visits](const Request& request) -> Result<Response> {
        std::vector<CareRule> rules;
        for (const Json& r : request.body_json["rules"]) {
          rules.push_back(
              {"", r["tag"].get<std::string>(), static_cast<int>(r["everyMonths"].get<int64_t>())});
        }
        SHEQU_ASSIGN_OR_RETURN(
            auto saved, visits.set_care_rules(*request.actor,
                                              request.path_json["code"].get<std::string>(), rules));
        return Response::json(200, rules_json(saved, request.locale));
      },
      .contract = {.path = {{"code", unit_code()}},
                   .body = object({{"rules", array(object({{"tag", text(40)},
                                                           {"everyMonths", integer(0, 12)}}))
                                                 .max_items(20)}}),
                   .replies = {{.json = page_of(rule_schema())}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/referrals",
      .permission = std::string(kPersonRead),
      .summary = "Referrals for a 低保 or 特困 assessment raised by visits in scope, newest first",
      .tag = "residents",
      .handler = [&visits, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        SHEQU_ASSIGN_OR_RETURN(
            auto page, visits.referrals(*request.actor, q["status"].get<std::string>(),
                                        {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
        Json items = Json::array();
        for (const ReferralView& r : page.items)
          items.push_back(referral_json(org, r, request.locale));
        return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
      },
      .contract = {.query =
                       [] {
                         auto query = paging();
                         query.push_back({"status", text(20).min_length(0).default_to("")});
                         return query;
                       }(),
                   .replies = {{.json = page_of(referral_schema())}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/referrals/{id}/decision",
      .permission = std::string(kReferralDecide),
      .summary = "The township takes a referral up (under_assessment) or decides it (granted, "
                 "refused, with the grounds)",
      .tag = "residents",
      .handler = [&visits, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            ReferralView r,
            visits.decide(*request.actor, id_of(request), body["version"].get<int64_t>(),
                          body["status"].get<std::string>(), body["reason"].get<std::string>()));
        return Response::json(200, referral_json(org, r, request.locale));
      },
      .contract = {.path = id_path(),
                   .body = object({{"version", integer(1, kMaxInt)},
                                   {"status", text(20)},
                                   {"reason", text(200).min_length(0).default_to("")}}),
                   .replies = {{.json = referral_schema()}}},
  });
}

// ---- imports ---------------------------------------------------------------------------------

constexpr std::string_view kXlsxMediaType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Json import_json(const org::OrgService& org, const ImportView& v, Locale locale) {
  Json problems = Json::array();
  for (const FieldError& p : v.problems) {
    problems.push_back({{"field", p.field}, {"line", p.line}, {"reason", p.reason.in(locale)}});
  }
  return {{"id", v.id},
          {"unit", org::unit_ref_json(org, v.unit_code)},
          {"fileName", v.file_name},
          {"state", import_state_name(v.state)},
          {"progress", v.progress},
          {"households", v.households},
          {"persons", v.persons},
          {"problemCount", v.problem_count},
          {"problems", std::move(problems)},
          {"createdByName", v.created_by_name},
          {"createdAt", v.created_at},
          {"finishedAt", v.finished_at ? Json(*v.finished_at) : Json(nullptr)}};
}

http::Schema import_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "ResidentImport",
      object({{"id", integer(1, kMaxInt).describe("the import's job")},
              {"unit", org::unit_ref_schema().describe("every row's grid lies in it")},
              {"fileName", string()},
              {"state", enum_of({"queued", "running", "imported", "refused", "failed"})
                            .describe("refused: bad rows, nothing written; failed: the server "
                                      "could not finish")},
              {"progress", number(0, 1)},
              {"households", integer(0, kMaxInt).describe("written, once imported")},
              {"persons", integer(0, kMaxInt)},
              {"problemCount", integer(0, kMaxInt)},
              {"problems",
               array(object({{"field", string().describe("the column's heading, or file")},
                             {"line", integer(0, kMaxInt).describe("the file's row or line")},
                             {"reason", string()}}))
                   .describe("every bad cell (refused) or why it failed; empty in lists")},
              {"createdByName", string()},
              {"createdAt", string()},
              {"finishedAt", string().nullable()}}));
  return schema;
}

void add_import_routes(http::Router& router, const ImportService& imports,
                       const org::OrgService& org) {
  using namespace http::schema;
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/import-template.xlsx",
      .permission = std::string(kPersonWrite),
      .summary = "The Excel template that imports of household registers read",
      .tag = "residents",
      .handler = [](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(std::string workbook, import_template(request.locale));
        return Response::attachment(std::move(workbook), std::string(kXlsxMediaType),
                                    "residents-template.xlsx", "居民导入模板.xlsx");
      },
      .contract = {.replies = {{.media_type = std::string(kXlsxMediaType),
                                .description = "the header row of the template (居民导入模板)"}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/imports",
      .permission = std::string(kPersonWrite),
      .summary = "Import a household register (.xlsx or CSV) into a unit, all or nothing, as a "
                 "job; poll GET /api/v1/residents/imports/{id}",
      .tag = "residents",
      .handler = [&imports, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        SHEQU_ASSIGN_OR_RETURN(
            ImportView view,
            imports.submit(*request.actor, q["unit"].get<std::string>(),
                           http::field<std::string>(q, "fileName").value_or(""), request.body));
        Response response = Response::json(202, import_json(org, view, request.locale));
        response.headers.emplace_back("location",
                                      "/api/v1/residents/imports/" + std::to_string(view.id));
        return response;
      },
      .contract = {.query = {{"unit", unit_code().describe("the unit every row's grid lies in")},
                             {"fileName", string().max_length(kMaxImportFileName).optional()}},
                   .upload =
                       http::Upload{
                           .media_types = {std::string(kXlsxMediaType), "text/csv",
                                           "application/vnd.ms-excel", "application/octet-stream"},
                           .max_bytes = kMaxImportBytes,
                           .description = "the template filled in: .xlsx, or CSV in UTF-8 or "
                                          "GB18030"},
                   .replies = {{.status = 202, .json = import_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/imports",
      .permission = std::string(kPersonWrite),
      .summary = "The imports within a unit (default: the caller's scope), newest first",
      .tag = "residents",
      .handler = [&imports, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        SHEQU_ASSIGN_OR_RETURN(
            ImportList found, imports.list(*request.actor, http::field<std::string>(q, "unit"),
                                           q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()));
        Json items = Json::array();
        for (const ImportView& v : found.items)
          items.push_back(import_json(org, v, request.locale));
        return Response::json(200, {{"items", std::move(items)}, {"total", found.total}});
      },
      .contract = {.query =
                       [] {
                         auto query = paging();
                         query.push_back({"unit", unit_code().optional().describe(
                                                      "a subtree (default: the caller's scope)")});
                         return query;
                       }(),
                   .replies = {{.json = page_of(import_schema())}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/imports/{id}",
      .permission = std::string(kPersonWrite),
      .summary = "An import: its progress, and what it wrote or every problem of its file",
      .tag = "residents",
      .handler = [&imports, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(ImportView view, imports.find(*request.actor, id_of(request)));
        return Response::json(200, import_json(org, view, request.locale));
      },
      .contract = {.path = id_path(), .replies = {{.json = import_schema()}}},
  });
}

}  // namespace

void add_routes(http::Router& router, const ResidentService& service, const VisitService& visits,
                const ImportService& imports, const org::OrgService& org) {
  using namespace http::schema;
  add_visit_routes(router, visits, org);
  add_import_routes(router, imports, org);
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/households",
      .permission = std::string(kPersonWrite),
      .summary = "Register a household in a grid",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        NewHousehold input{body["gridCode"].get<std::string>(), body["address"].get<std::string>(),
                           http::field<double>(body, "lat"), http::field<double>(body, "lon"),
                           body["type"].get<std::string>()};
        SHEQU_ASSIGN_OR_RETURN(HouseholdView made, service.create_household(*request.actor, input));
        return Response::json(201, household_json(org, made, request.locale));
      },
      .contract = {.body = object({{"gridCode", unit_code().describe("the grid it lives in")},
                                   {"address", text(kMaxAddress).min_length(0)},
                                   {"lat", number(-90, 90).optional().describe("WGS 84")},
                                   {"lon", number(-180, 180).optional().describe("WGS 84")},
                                   {"type", text(20).default_to("family")}}),
                   .replies = {{.status = 201, .json = household_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/households",
      .permission = std::string(kPersonRead),
      .summary = "Households in scope, newest first, addresses masked",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        SHEQU_ASSIGN_OR_RETURN(
            auto page,
            service.households(*request.actor, http::field<std::string>(q, "unit"),
                               {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
        Json items = Json::array();
        for (const HouseholdView& h : page.items)
          items.push_back(household_json(org, h, request.locale));
        return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
      },
      .contract = {.query =
                       [] {
                         auto query = paging();
                         query.push_back({"unit", unit_code().optional().describe(
                                                      "a subtree (default: the caller's scope)")});
                         return query;
                       }(),
                   .replies = {{.json = page_of(household_schema())}}},
      .exports =
          http::ListExport{
              .title = {"户", "Households"},
              .columns = {{.field = "address",
                           .label = {"住址（已脱敏）", "Address (masked)"},
                           .width = 30},
                          {.field = "typeLabel", .label = {"户类型", "Type"}, .width = 10},
                          {.field = "members", .label = {"人数", "People"}, .width = 8},
                          {.field = "grid.name", .label = {"网格", "Grid"}, .width = 20},
                          {.field = "unit.name",
                           .label = {"村（社区）", "Village / community"},
                           .width = 24}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/households/{id}",
      .permission = std::string(kPersonRead),
      .summary = "A household with the people living in it (masked); the read is audited",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(HouseholdDetail d,
                               service.household(*request.actor, id_of(request)));
        Json members = Json::array();
        for (const PersonView& p : d.members)
          members.push_back(person_json(org, p, request.locale));
        return Response::json(200, {{"household", household_json(org, d.household, request.locale)},
                                    {"members", std::move(members)}});
      },
      .contract = {.path = id_path(),
                   .replies = {{.json = component("ResidentHouseholdDetail",
                                                  object({{"household", household_schema()},
                                                          {"members", array(person_schema())}}))}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/persons",
      .permission = std::string(kPersonWrite),
      .summary = "Register a person in a household; sex and date of birth come from the ID "
                 "number",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        NewPerson input;
        input.household = body["householdId"].get<int64_t>();
        input.relation = body["relation"].get<std::string>();
        input.name = body["name"].get<std::string>();
        input.id_number = body["idNumber"].get<std::string>();
        input.phone = body["phone"].get<std::string>();
        input.ethnicity = body["ethnicity"].get<std::string>();
        input.registration = body["registration"].get<std::string>();
        input.moved_in = body["movedIn"].get<std::string>();
        input.tags = tags_of(body["tags"]);
        SHEQU_ASSIGN_OR_RETURN(PersonDetail made, service.register_person(*request.actor, input));
        return Response::json(201, detail_json(org, made, request.locale));
      },
      .contract = {.body = object(
                       {{"householdId", integer(1, kMaxInt)},
                        {"relation", text(20)},
                        {"name", text(kMaxName).min_length(0)},
                        {"idNumber", text(18).min_length(0).describe("公民身份号码, GB 11643")},
                        {"phone", text(11).min_length(0).default_to("").describe(
                                      "a mobile number; \"\" none")},
                        {"ethnicity", text(kMaxEthnicity).min_length(0).default_to("")},
                        {"registration", text(20).default_to("registered")},
                        {"movedIn", text(10).describe("YYYY-MM-DD")},
                        {"tags", tags_input().default_to(Json::array())}}),
                   .replies = {{.status = 201, .json = person_detail_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/persons",
      .permission = std::string(kPersonRead),
      .summary = "People in scope, newest first, masked; by tag",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        PersonQuery query{http::field<std::string>(q, "unit"),
                          q["tag"].get<std::string>(),
                          q["includeMovedOut"].get<bool>(),
                          {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}};
        SHEQU_ASSIGN_OR_RETURN(auto page, service.people(*request.actor, query));
        Json items = Json::array();
        for (const PersonView& p : page.items) items.push_back(person_json(org, p, request.locale));
        return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
      },
      .contract = {.query =
                       [] {
                         auto query = paging();
                         query.push_back({"unit", unit_code().optional().describe(
                                                      "a subtree (default: the caller's scope)")});
                         query.push_back({"tag", text(40).min_length(0).default_to("")});
                         query.push_back({"includeMovedOut", boolean().default_to(false)});
                         return query;
                       }(),
                   .replies = {{.json = page_of(person_schema())}}},
      .exports =
          http::ListExport{
              .title = {"居民", "Residents"},
              .columns =
                  {{.field = "name", .label = {"姓名（已脱敏）", "Name (masked)"}, .width = 12},
                   {.field = "idNumber",
                    .label = {"身份证号（已脱敏）", "ID number (masked)"},
                    .width = 22},
                   {.field = "sex",
                    .label = {"性别", "Sex"},
                    .width = 6,
                    .values = {{"male", {"男", "Male"}}, {"female", {"女", "Female"}}}},
                   {.field = "birthDate", .label = {"出生日期", "Born"}, .width = 12},
                   {.field = "ethnicity", .label = {"民族", "Ethnicity"}, .width = 8},
                   {.field = "registrationLabel",
                    .label = {"户籍类型", "Registration"},
                    .width = 10},
                   {.field = "relationLabel", .label = {"与户主关系", "Relation"}, .width = 10},
                   {.field = "tags", .label = {"人群标签", "Tags"}, .width = 30, .each = "label"},
                   {.field = "grid.name", .label = {"网格", "Grid"}, .width = 20},
                   {.field = "unit.name",
                    .label = {"村（社区）", "Village / community"},
                    .width = 24},
                   {.field = "movedOut", .label = {"迁出日期", "Moved out"}, .width = 12}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/persons/search",
      .permission = std::string(kPersonRead),
      .summary = "Find people by ID number or phone, exactly (in the body, so that neither "
                 "lands in an access log); audited",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(auto found,
                               service.find(*request.actor, body["idNumber"].get<std::string>(),
                                            body["phone"].get<std::string>()));
        Json items = Json::array();
        for (const PersonView& p : found) items.push_back(person_json(org, p, request.locale));
        const auto total = static_cast<int64_t>(items.size());
        return Response::json(200, {{"items", std::move(items)}, {"total", total}});
      },
      .contract = {.body = object({{"idNumber", text(18).min_length(0).default_to("")},
                                   {"phone", text(11).min_length(0).default_to("")}}),
                   .replies = {{.json = page_of(person_schema())}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/residents/persons/{id}",
      .permission = std::string(kPersonRead),
      .summary = "A person's record (masked) with the households lived in; the read is audited",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(PersonDetail d, service.person(*request.actor, id_of(request)));
        return Response::json(200, detail_json(org, d, request.locale));
      },
      .contract = {.path = id_path(), .replies = {{.json = person_detail_schema()}}},
  });
  router.add({
      .method = "PATCH",
      .pattern = "/api/v1/residents/persons/{id}",
      .permission = std::string(kPersonWrite),
      .summary = "Correct a person's name, phone, ethnicity, registration or tags",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        PersonChange change;
        change.version = body["version"].get<int64_t>();
        change.name = http::field<std::string>(body, "name");
        change.phone = http::field<std::string>(body, "phone");
        change.ethnicity = http::field<std::string>(body, "ethnicity");
        change.registration = http::field<std::string>(body, "registration");
        if (body.contains("tags")) change.tags = tags_of(body["tags"]);
        SHEQU_ASSIGN_OR_RETURN(PersonDetail d,
                               service.correct(*request.actor, id_of(request), change));
        return Response::json(200, detail_json(org, d, request.locale));
      },
      .contract = {.path = id_path(),
                   .body = object(
                       {{"version", integer(1, kMaxInt)},
                        {"name", text(kMaxName).min_length(0).optional()},
                        {"phone", text(11).min_length(0).optional().describe("\"\" removes it")},
                        {"ethnicity", text(kMaxEthnicity).min_length(0).optional()},
                        {"registration", text(20).optional()},
                        {"tags",
                         tags_input().optional().describe("every tag the caller may see")}}),
                   .replies = {{.json = person_detail_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/persons/{id}/move",
      .permission = std::string(kPersonWrite),
      .summary = "A person moves into another household, or away from the area; the history is "
                 "kept",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        Move move{body["version"].get<int64_t>(), http::field<int64_t>(body, "householdId"),
                  body["relation"].get<std::string>(), body["date"].get<std::string>()};
        SHEQU_ASSIGN_OR_RETURN(PersonDetail d, service.move(*request.actor, id_of(request), move));
        return Response::json(200, detail_json(org, d, request.locale));
      },
      .contract = {.path = id_path(),
                   .body = object(
                       {{"version", integer(1, kMaxInt)},
                        {"householdId",
                         integer(1, kMaxInt).optional().describe("none: moved away from the area")},
                        {"relation", text(20).default_to("other")},
                        {"date", text(10).describe("YYYY-MM-DD")}}),
                   .replies = {{.json = person_detail_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/persons/{id}/reveal",
      .permission = std::string(kPersonReveal),
      .summary = "One of a person's fields in clear, for a stated reason; audited",
      .tag = "residents",
      .handler = [&service](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        const std::string field = body["field"].get<std::string>();
        const RevealField which = field == "name"       ? RevealField::name
                                  : field == "idNumber" ? RevealField::id_number
                                  : field == "phone"    ? RevealField::phone
                                                        : RevealField::address;
        SHEQU_ASSIGN_OR_RETURN(std::string value,
                               service.reveal(*request.actor, id_of(request), which,
                                              body["reason"].get<std::string>()));
        return Response::json(200, {{"field", field}, {"value", value}});
      },
      .contract = {.path = id_path(),
                   .body = object({{"field", enum_of({"name", "idNumber", "phone", "address"})},
                                   {"reason", text(kMaxReason).min_length(0)}}),
                   .replies = {{.json = component(
                                    "ResidentRevealed",
                                    object({{"field", string()}, {"value", string()}}))}}},
      .reveals_personal_data = true,
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/residents/persons/{id}/export",
      .permission = std::string(kPersonReveal),
      .summary = "Everything held about a person, in clear, to answer their request (PIPL "
                 "article 45); audited with the reason",
      .tag = "residents",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(
            PersonRecord record,
            service.export_person(*request.actor, id_of(request),
                                  request.body_json["reason"].get<std::string>()));
        Json out = detail_json(org, record.detail, request.locale);
        out["person"]["name"] = record.name;
        out["person"]["idNumber"] = record.id_number;
        out["person"]["phone"] = record.phone;
        for (std::size_t i = 0; i < record.addresses.size(); ++i) {
          out["history"][i]["household"]["address"] = record.addresses[i];
        }
        if (out["household"].is_object() && !record.addresses.empty()) {
          for (std::size_t i = 0; i < record.detail.history.size(); ++i) {
            if (!record.detail.history[i].value.moved_out) {
              out["household"]["address"] = record.addresses[i];
            }
          }
        }
        return Response::json(200, out);
      },
      .contract = {.path = id_path(),
                   .body = object({{"reason", text(kMaxReason).min_length(0)}}),
                   .replies = {{.json = person_detail_schema().describe(
                                    "in clear: name, ID number, phone and addresses")}}},
      .reveals_personal_data = true,
  });
}

}  // namespace shequ::residents
