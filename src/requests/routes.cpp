#include "requests/routes.hpp"

#include <cmath>

#include "org/unit_json.hpp"
#include "requests/declaration.hpp"
#include "requests/photo.hpp"

namespace shequ::requests {

namespace {

using http::Request;
using http::Response;

constexpr std::size_t kMaxCategoryCode = 64;
constexpr std::size_t kMaxAttributes = 20;
constexpr std::size_t kMaxCalendarDays = 60;

// ---- shapes ----------------------------------------------------------------------------------

std::vector<std::string> keys_of(auto&& items, auto key) {
  std::vector<std::string> out;
  for (const auto& item : items) out.emplace_back(key(item));
  return out;
}

const http::Schema& state_schema() {
  static const http::Schema schema = http::schema::component(
      "RequestState",
      http::schema::enum_of(keys_of(all_states(), [](State s) { return state_key(s); }))
          .describe("submitted 待签收, accepted 已签收, in_progress 办理中, resolved 已办结, "
                    "closed 已结案"));
  return schema;
}

// The actions staff take through POST /requests/{id}/steps.
const http::Schema& action_schema() {
  static const http::Schema schema = http::schema::component(
      "RequestAction", http::schema::enum_of([] {
        std::vector<std::string> keys;
        for (Action a : all_actions()) {
          if (a != Action::escalate && a != Action::withdraw && a != Action::rate)
            keys.emplace_back(action_key(a));
        }
        return keys;
      }()));
  return schema;
}

const http::Schema& text_label_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("TextLabel", object({{"zh", string()}, {"en", string()}}));
  return schema;
}

const http::Schema& category_schema() {
  using namespace http::schema;
  static const http::Schema attribute =
      component("RequestAttribute",
                object({{"key", string()},
                        {"label", string()},
                        {"labels", text_label_schema()},
                        {"type", enum_of({std::begin(kAttributeTypes), std::end(kAttributeTypes)})},
                        {"required", boolean()},
                        {"choices", array(string())}}));
  static const http::Schema schema = component(
      "RequestCategory",
      object({{"code", string()},
              {"parent", string().nullable().describe("null for a group")},
              {"name", string()},
              {"names", text_label_schema()},
              {"timeLimit", enum_of(keys_of(time_limit_classes(),
                                            [](const TimeLimitClass& c) { return c.key; }))},
              {"timeLimitLabel", string()},
              {"level", integer(3, 5).describe("the level that handles it: 5 village or "
                                               "community, 4 township, 3 county")},
              {"attributes", array(attribute)},
              {"active", boolean().describe("offered at intake")},
              {"version", integer(1, kMaxInt)}}));
  return schema;
}

// What an administrator sends to change or add a category (check_category checks the rest).
std::vector<http::Property> category_change_properties() {
  using namespace http::schema;
  const auto name = [](std::size_t max) { return text(max).min_length(0); };
  return {{"names", object({{"zh", name(30)}, {"en", name(60)}})},
          {"timeLimit", text(20)},
          {"level", integer(3, 5)},
          {"attributes",
           array(object({{"key", text(30).min_length(0)},
                         {"labels", object({{"zh", name(30)}, {"en", name(60)}})},
                         {"type", text(10)},
                         {"required", boolean().default_to(false)},
                         {"choices",
                          array(text(30).min_length(0)).max_items(20).default_to(Json::array())}}))
               .max_items(kMaxAttributes)}};
}

// The category a change or an addition describes.
Category category_of(const Json& body, std::string code) {
  Category c;
  c.code = std::move(code);
  c.parent = http::field<std::string>(body, "parent").value_or("");
  c.name = {body["names"]["zh"].get<std::string>(), body["names"]["en"].get<std::string>()};
  c.time_limit = body["timeLimit"].get<std::string>();
  c.level = static_cast<org::Level>(body["level"].get<int64_t>());
  c.active = body.value("active", true);
  for (const Json& a : body["attributes"]) {
    c.attributes.push_back(
        {a["key"].get<std::string>(),
         {a["labels"]["zh"].get<std::string>(), a["labels"]["en"].get<std::string>()},
         a["type"].get<std::string>(),
         a["required"].get<bool>(),
         a["choices"].get<std::vector<std::string>>()});
  }
  return c;
}

const http::Schema& calendar_day_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "CalendarDay", object({{"date", date()},
                             {"working", boolean().describe("true: a weekend day worked in "
                                                            "exchange; false: a holiday")},
                             {"name", text(20).describe("the holiday: 春节")}}));
  return schema;
}

const http::Schema& person_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "RequestPerson",
      object({{"id", integer(1, kMaxInt)}, {"username", string()}, {"displayName", string()}}));
  return schema;
}

const http::Schema& case_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "RequestCase",
      object({{"id", integer(1, kMaxInt)},
              {"trackingCode", string()},
              {"category", object({{"code", string()}, {"name", string()}})},
              {"unit", org::unit_ref_schema().describe("the lead unit (承办单位)")},
              {"grid", org::unit_ref_schema().nullable()},
              {"status", state_schema()},
              {"channel", enum_of({std::begin(kChannels), std::end(kChannels)})},
              {"externalId", string().nullable()},
              {"description", string()},
              {"address", string()},
              {"lat", number().nullable()},
              {"lon", number().nullable()},
              {"attributes", map_of(any())},
              {"contactName", string().describe("masked: 张*三")},
              {"contactPhone", string().describe("masked: 139****5678")},
              {"receivedAt", string()},
              {"acceptDue", string()},
              {"resolveDue", string()},
              {"acceptedAt", string().nullable()},
              {"resolvedAt", string().nullable()},
              {"closedAt", string().nullable()},
              {"overdue", boolean().describe("open and past a deadline now")},
              {"escalated", object({{"accept", boolean()}, {"resolve", boolean()}})},
              {"coHandlers", array(org::unit_ref_schema())},
              {"role", enum_of(keys_of(all_roles(), [](Role r) { return role_key(r); }))
                           .nullable()
                           .describe("the caller's part in the case")},
              {"allowedActions", array(string()).describe("what the caller may do next")},
              {"mergedInto",
               integer(1, kMaxInt).nullable().describe("closed as a duplicate of this request")},
              {"version", integer(1, kMaxInt)}}));
  return schema;
}

const http::Schema& event_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "RequestEvent",
      object({{"id", integer(1, kMaxInt)},
              {"at", string()},
              {"action", string().describe("submit, or an action; escalate: by the platform")},
              {"actor", person_schema().nullable()},
              {"fromStatus", state_schema().nullable()},
              {"toStatus", state_schema()},
              {"unit", org::unit_ref_schema()},
              {"targetUnit", org::unit_ref_schema().nullable()},
              {"note", string().describe("escalate: the deadline passed, accept_due or "
                                         "resolve_due")}}));
  return schema;
}

const http::Schema& score_schema() {
  static const http::Schema schema = http::schema::component(
      "RequestScore", http::schema::enum_of({std::begin(kScores), std::end(kScores)})
                          .describe("非常满意, 满意, 基本满意, 不满意, 非常不满意"));
  return schema;
}

const http::Schema& rating_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "RequestRating", object({{"score", score_schema()},
                               {"comment", string()},
                               {"ratedAt", string()},
                               {"appeal", enum_of({"none", "pending", "upheld", "rejected"})
                                              .describe("upheld: the rating no longer counts")},
                               {"appealReason", string().nullable()},
                               {"decisionNote", string().nullable()}}));
  return schema;
}

const http::Schema& photo_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "RequestPhoto", object({{"id", integer()},
                              {"mediaType", enum_of({"image/jpeg", "image/png"})},
                              {"width", integer()},
                              {"height", integer()},
                              {"sizeBytes", integer()},
                              {"uploadedAt", string()}})
                          .describe("served at .../photos/{id} under the request's own path"));
  return schema;
}

const http::Schema& detail_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "RequestDetail",
      object({{"case", case_schema()},
              {"timeline", array(event_schema())},
              {"photos", array(photo_schema()).describe("oldest first")},
              {"duplicates",
               array(object({{"id", integer().nullable()},
                             {"trackingCode", string().nullable()},
                             {"status", state_schema()},
                             {"receivedAt", string()},
                             {"unit", org::unit_ref_schema().nullable()},
                             {"distanceMetres", number()}}))
                   .describe("open requests of the same category received in the last 7 days "
                             "within 50 m, nearest first; a resident is told only that they "
                             "exist (id, trackingCode and unit null)")},
              {"rating", rating_schema().nullable()},
              {"rectification",
               object({{"openedAt", string()}, {"due", string()}, {"doneAt", string().nullable()}})
                   .nullable()
                   .describe("what the latest bad rating opened")}}));
  return schema;
}

const http::Schema& rate_counts_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "RequestRates",
      object(
          {{"code", string().describe("the unit's or the category's")},
           {"name", string()},
           {"received", integer(0, kMaxInt)},
           {"acceptedInTime", integer(0, kMaxInt)},
           {"resolutionDue", integer(0, kMaxInt)},
           {"resolvedInTime", integer(0, kMaxInt)},
           {"rated", integer(0, kMaxInt)},
           {"satisfied", integer(0, kMaxInt)},
           {"responseRate", number(0, 1).nullable().describe("acceptedInTime / received")},
           {"resolutionRate", number(0, 1).nullable().describe("resolvedInTime / resolutionDue")},
           {"satisfactionRate", number(0, 1).nullable().describe("satisfied / rated")}}));
  return schema;
}

std::vector<http::Property> id_path() {
  return {{"id", http::schema::integer(1, http::schema::kMaxInt).describe("the request's id")}};
}

int64_t id_of(const Request& request) {
  return request.path_json["id"].get<int64_t>();
}

// The fields of a new request, staff's and residents' alike.
std::vector<http::Property> request_properties() {
  using namespace http::schema;
  static const http::Schema answer =
      component("RequestAnswer", object({{"key", text(40)},
                                         {"text", text(kMaxAnswerLength).optional()},
                                         {"number", number(-1e9, 1e9).optional()},
                                         {"boolean", boolean().optional()}})
                                     .describe("one answer, in the field of the question's type"));
  return {{"categoryCode", text(kMaxCategoryCode).describe("a leaf of the catalogue")},
          {"description", text(kMaxDescription)},
          {"address", text(kMaxAddress).min_length(0).default_to("")},
          {"lat", number(-90, 90).nullable().default_to(nullptr).describe("WGS 84")},
          {"lon", number(-180, 180).nullable().default_to(nullptr).describe("WGS 84")},
          {"attributes", array(answer).max_items(kMaxAttributes).default_to(Json::array())},
          {"contactName", text(kMaxContactName).min_length(0).default_to("")},
          {"contactPhone", work_phone().optional()}};
}

// Reads a new request's body; the answers, given as [{key, text|number|boolean}], become the
// object the catalogue checks.
Result<NewRequest> new_request_of(const Json& body) {
  NewRequest r;
  r.category = body["categoryCode"].get<std::string>();
  r.description = body["description"].get<std::string>();
  r.address = body["address"].get<std::string>();
  r.lat = http::field<double>(body, "lat");
  r.lon = http::field<double>(body, "lon");
  r.contact_name = body["contactName"].get<std::string>();
  r.contact_phone = http::field<std::string>(body, "contactPhone").value_or("");
  std::vector<FieldError> errors;
  const Json& answers = body["attributes"];
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const Json& a = answers[i];
    const std::string key = a["key"].get<std::string>();
    int given = 0;
    for (const char* type : {"text", "number", "boolean"}) {
      if (a.contains(type)) {
        r.attributes[key] = a[type];
        ++given;
      }
    }
    if (given != 1 || r.attributes.size() != i + 1) {
      errors.push_back({"attributes[" + std::to_string(i) + "]",
                        {"每一项应只给一个答案且不重复", "give one answer per question, once"}});
    }
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return r;
}

// ---- conversions -----------------------------------------------------------------------------

std::string category_name(const std::vector<Category>& catalogue, const std::string& code,
                          Locale locale) {
  for (const Category& c : catalogue) {
    if (c.code == code) return c.name.in(locale);
  }
  return code;
}

Json category_json(const Category& c, Locale locale) {
  Json attributes = Json::array();
  for (const Attribute& a : c.attributes) {
    attributes.push_back({{"key", a.key},
                          {"label", a.label.in(locale)},
                          {"labels", {{"zh", a.label.zh}, {"en", a.label.en}}},
                          {"type", a.type},
                          {"required", a.required},
                          {"choices", a.choices}});
  }
  const TimeLimitClass* limit = find_time_limit_class(c.time_limit);
  return {{"code", c.code},
          {"parent", c.parent.empty() ? Json(nullptr) : Json(c.parent)},
          {"name", c.name.in(locale)},
          {"names", {{"zh", c.name.zh}, {"en", c.name.en}}},
          {"timeLimit", c.time_limit},
          {"timeLimitLabel", limit ? limit->label.in(locale) : c.time_limit},
          {"level", static_cast<int>(c.level)},
          {"attributes", std::move(attributes)},
          {"active", c.active},
          {"version", c.version}};
}

// {items, total}: a year's days, as both calendar routes answer.
Json calendar_json(const std::vector<CalendarDay>& days) {
  Json items = Json::array();
  for (const CalendarDay& d : days) {
    items.push_back({{"date", d.date}, {"working", d.working}, {"name", d.name}});
  }
  const auto total = static_cast<int64_t>(items.size());
  return {{"items", std::move(items)}, {"total", total}};
}

Json optional_text(const std::optional<std::string>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json case_json(const org::OrgService& org, const std::vector<Category>& catalogue,
               const CaseView& view, Locale locale) {
  const Case& c = view.value;
  Json co = Json::array();
  for (const std::string& unit : c.co_handlers) co.push_back(org::unit_ref_json(org, unit));
  Json allowed = Json::array();
  for (Action a : view.allowed) allowed.push_back(action_key(a));
  const auto degrees = [](const std::optional<int32_t>& e7) {
    return e7 ? Json(*e7 / 1e7) : Json(nullptr);
  };
  return {
      {"id", c.id},
      {"trackingCode", c.tracking_code},
      {"category", {{"code", c.category}, {"name", category_name(catalogue, c.category, locale)}}},
      {"unit", org::unit_ref_json(org, c.unit)},
      {"grid", c.grid ? org::unit_ref_json(org, *c.grid) : Json(nullptr)},
      {"status", state_key(c.status)},
      {"channel", c.channel},
      {"externalId", optional_text(c.external_id)},
      {"description", c.description},
      {"address", c.address},
      {"lat", degrees(c.lat_e7)},
      {"lon", degrees(c.lon_e7)},
      {"attributes", c.attributes},
      {"contactName", view.contact_name},
      {"contactPhone", view.contact_phone},
      {"receivedAt", c.received_at},
      {"acceptDue", c.accept_due},
      {"resolveDue", c.resolve_due},
      {"acceptedAt", optional_text(c.accepted_at)},
      {"resolvedAt", optional_text(c.resolved_at)},
      {"closedAt", optional_text(c.closed_at)},
      {"overdue", view.overdue},
      {"escalated", {{"accept", c.accept_escalated}, {"resolve", c.resolve_escalated}}},
      {"coHandlers", std::move(co)},
      {"role", view.role ? Json(role_key(*view.role)) : Json(nullptr)},
      {"allowedActions", std::move(allowed)},
      {"mergedInto", c.merged_into ? Json(*c.merged_into) : Json(nullptr)},
      {"version", c.version}};
}

Json photo_json(const Photo& p) {
  return {{"id", p.id},         {"mediaType", p.media_type}, {"width", p.width},
          {"height", p.height}, {"sizeBytes", p.size_bytes}, {"uploadedAt", p.uploaded_at}};
}

// A photo's bytes as served: kept content never changes, so a browser may keep it; private,
// since it is shown only to those allowed.
Response photo_response(PhotoFile file) {
  Response response = Response::text(200, std::move(file.bytes), std::move(file.media_type));
  response.headers.emplace_back("cache-control", "private, max-age=86400");
  response.headers.emplace_back("content-disposition", "inline");
  return response;
}

std::vector<http::Property> photo_path() {
  auto path = id_path();
  path.push_back(
      {"photo", http::schema::integer(1, http::schema::kMaxInt).describe("the photo's id")});
  return path;
}

http::Upload photo_upload() {
  return {.media_types = {std::string(kJpegMediaType), std::string(kPngMediaType)},
          .max_bytes = kMaxPhotoBytes,
          .description = "a JPEG or PNG photo; kept encoded again without its metadata"};
}

Json detail_json(const org::OrgService& org, const std::vector<Category>& catalogue,
                 const CaseDetail& detail, Locale locale) {
  Json timeline = Json::array();
  for (const CaseEvent& e : detail.timeline) {
    timeline.push_back(
        {{"id", e.id},
         {"at", e.at},
         {"action", e.action},
         {"actor",
          e.user_id
              ? Json{{"id", *e.user_id}, {"username", e.username}, {"displayName", e.display_name}}
              : Json(nullptr)},
         {"fromStatus", optional_text(e.from_status)},
         {"toStatus", e.to_status},
         {"unit", org::unit_ref_json(org, e.unit)},
         {"targetUnit", e.target_unit ? org::unit_ref_json(org, *e.target_unit) : Json(nullptr)},
         {"note", e.note}});
  }
  Json rating = nullptr;
  if (detail.rating) {
    const Rating& r = *detail.rating;
    rating = {{"score", r.score},
              {"comment", r.comment},
              {"ratedAt", r.rated_at},
              {"appeal", r.appeal_status},
              {"appealReason", optional_text(r.appeal_reason)},
              {"decisionNote", optional_text(r.decision_note)}};
  }
  Json rectification = nullptr;
  if (detail.rectification) {
    rectification = {{"openedAt", detail.rectification->opened_at},
                     {"due", detail.rectification->due},
                     {"doneAt", optional_text(detail.rectification->done_at)}};
  }
  Json photos = Json::array();
  for (const Photo& p : detail.photos) photos.push_back(photo_json(p));
  // A resident learns that the same problem is already being handled nearby, not whose it is.
  const bool resident = detail.view.role == Role::resident;
  Json duplicates = Json::array();
  for (const NearbyCase& n : detail.duplicates) {
    duplicates.push_back({{"id", resident ? Json(nullptr) : Json(n.id)},
                          {"trackingCode", resident ? Json(nullptr) : Json(n.tracking_code)},
                          {"status", state_key(n.status)},
                          {"receivedAt", n.received_at},
                          {"unit", resident ? Json(nullptr) : org::unit_ref_json(org, n.unit)},
                          {"distanceMetres", std::round(n.distance_m)}});
  }
  return {{"case", case_json(org, catalogue, detail.view, locale)},
          {"timeline", std::move(timeline)},
          {"photos", std::move(photos)},
          {"duplicates", std::move(duplicates)},
          {"rating", std::move(rating)},
          {"rectification", std::move(rectification)}};
}

Json rate_json(const RateCounts& c, std::string name) {
  const auto share = [](int64_t part, int64_t whole) {
    return whole > 0 ? Json(static_cast<double>(part) / static_cast<double>(whole)) : Json(nullptr);
  };
  return {{"code", c.key},
          {"name", std::move(name)},
          {"received", c.received},
          {"acceptedInTime", c.accepted_in_time},
          {"resolutionDue", c.resolution_due},
          {"resolvedInTime", c.resolved_in_time},
          {"rated", c.rated},
          {"satisfied", c.satisfied},
          {"responseRate", share(c.accepted_in_time, c.received)},
          {"resolutionRate", share(c.resolved_in_time, c.resolution_due)},
          {"satisfactionRate", share(c.satisfied, c.rated)}};
}

}  // namespace

void add_routes(http::Router& router, const RequestService& service, const org::OrgService& org) {
  using namespace http::schema;
  // The names of categories in answers: read per request (a small table), so that every server
  // shows an administrator's change at once.
  const auto catalogue = [&service]() -> Result<std::vector<Category>> {
    return service.categories();
  };
  const auto detail_reply = [&org, catalogue](const CaseDetail& detail, Locale locale,
                                              int status) -> Result<Response> {
    SHEQU_ASSIGN_OR_RETURN(auto categories, catalogue());
    return Response::json(status, detail_json(org, categories, detail, locale));
  };
  const auto page_reply = [&org, catalogue](const org::Page<CaseView>& page,
                                            Locale locale) -> Result<Response> {
    SHEQU_ASSIGN_OR_RETURN(auto categories, catalogue());
    Json items = Json::array();
    for (const CaseView& v : page.items) items.push_back(case_json(org, categories, v, locale));
    return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
  };

  router.add({
      .method = "GET",
      .pattern = "/api/v1/requests/categories",
      .permission = std::string(kCatalogueRead),
      .summary = "The catalogue of requests: groups and their categories, with time limits and "
                 "the questions each asks",
      .tag = "requests",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(
            auto categories, service.categories(request.query_json["includeInactive"].get<bool>()));
        Json items = Json::array();
        for (const Category& c : categories) items.push_back(category_json(c, request.locale));
        const auto total = static_cast<int64_t>(items.size());
        return Response::json(200, {{"items", std::move(items)}, {"total", total}});
      },
      .contract = {.query = {{"includeInactive", boolean().default_to(false).describe(
                                                     "also those withdrawn from intake")}},
                   .replies = {{.json = page_of(category_schema())}}},
  });
  router.add({
      .method = "PUT",
      .pattern = "/api/v1/requests/categories/{code}",
      .permission = std::string(kCatalogueManage),
      .summary = "The province changes a category or group: names, time limit, handling level, "
                 "questions, whether it is offered",
      .tag = "requests",
      .handler = [&service](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Category saved,
            service.change_category(*request.actor,
                                    category_of(body, request.path_json["code"].get<std::string>()),
                                    body["version"].get<int64_t>()));
        return Response::json(200, category_json(saved, request.locale));
      },
      .contract = {.path = {{"code", text(51).describe("municipal.streetlight")}},
                   .body =
                       [] {
                         auto fields = category_change_properties();
                         fields.push_back({"active", boolean()});
                         fields.push_back({"version", integer(1, kMaxInt)});
                         return object(std::move(fields));
                       }(),
                   .replies = {{.json = category_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/requests/categories",
      .permission = std::string(kCatalogueManage),
      .summary = "The province adds a category under a group, or a group",
      .tag = "requests",
      .handler = [&service](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            Category saved,
            service.add_category(*request.actor,
                                 category_of(body, body["code"].get<std::string>())));
        return Response::json(201, category_json(saved, request.locale));
      },
      .contract = {.body =
                       [] {
                         auto fields = category_change_properties();
                         fields.push_back({"code", text(51)});
                         fields.push_back({"parent", text(20).optional().describe(
                                                         "the group; none: a new group")});
                         return object(std::move(fields));
                       }(),
                   .replies = {{.status = 201, .json = category_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/requests/calendar/{year}",
      .permission = std::string(kCatalogueRead),
      .summary = "The days of a year that differ from Monday to Friday: holidays and the weekend "
                 "days worked in exchange",
      .tag = "requests",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(
            auto days,
            service.calendar(static_cast<int>(request.path_json["year"].get<int64_t>())));
        return Response::json(200, calendar_json(days));
      },
      .contract = {.path = {{"year", integer(2000, 2100)}},
                   .replies = {{.json = page_of(calendar_day_schema())}}},
  });
  router.add({
      .method = "PUT",
      .pattern = "/api/v1/requests/calendar/{year}",
      .permission = std::string(kCatalogueManage),
      .summary = "Set a year's holidays and worked weekend days, as the State Council publishes "
                 "them",
      .tag = "requests",
      .handler = [&service](const Request& request) -> Result<Response> {
        std::vector<CalendarDay> days;
        for (const Json& d : request.body_json["days"]) {
          days.push_back({d["date"].get<std::string>(), d["working"].get<bool>(),
                          d["name"].get<std::string>()});
        }
        SHEQU_ASSIGN_OR_RETURN(
            auto saved,
            service.set_calendar(*request.actor,
                                 static_cast<int>(request.path_json["year"].get<int64_t>()), days));
        return Response::json(200, calendar_json(saved));
      },
      .contract = {.path = {{"year", integer(2000, 2100)}},
                   .body =
                       object({{"days", array(calendar_day_schema()).max_items(kMaxCalendarDays)}}),
                   .replies = {{.json = page_of(calendar_day_schema())}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/requests",
      .permission = std::string(kCaseIntake),
      .summary = "Register a request taken on the phone (hotline) or on patrol",
      .tag = "requests",
      .handler = [&service, detail_reply](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(NewRequest r, new_request_of(body));
        r.unit = body["unitCode"].get<std::string>();
        r.channel = body["channel"].get<std::string>();
        r.external_id = http::field<std::string>(body, "externalId");
        SHEQU_ASSIGN_OR_RETURN(CaseDetail created, service.submit(*request.actor, std::move(r)));
        return detail_reply(created, request.locale, 201);
      },
      .contract = {.body =
                       [] {
                         auto fields = request_properties();
                         fields.push_back(
                             {"unitCode", unit_code().describe(
                                              "where it happened: a village, community or grid")});
                         fields.push_back({"channel", enum_of({"hotline", "patrol"})});
                         fields.push_back(
                             {"externalId",
                              text(kMaxExternalId)
                                  .optional()
                                  .describe("the hotline platform's own case number (12345)")});
                         return object(std::move(fields));
                       }(),
                   .replies = {{.status = 201, .json = detail_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/requests",
      .permission = std::string(kCaseRead),
      .summary = "Requests led by, falling in or co-handled by units in scope, newest first",
      .tag = "requests",
      .handler = [&service, page_reply](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        CaseQuery query{http::field<std::string>(q, "unit"),
                        http::field<std::string>(q, "status").value_or(""),
                        q["category"].get<std::string>(),
                        q["overdue"].get<bool>(),
                        {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}};
        SHEQU_ASSIGN_OR_RETURN(auto page, service.list(*request.actor, query));
        return page_reply(page, request.locale);
      },
      .contract = {.query =
                       [] {
                         auto query = paging();
                         query.push_back({"unit", unit_code().optional().describe(
                                                      "a subtree (default: the caller's scope)")});
                         query.push_back({"status", state_schema().optional()});
                         query.push_back({"category", text(kMaxCategoryCode)
                                                          .min_length(0)
                                                          .default_to("")
                                                          .describe("a category or a group")});
                         query.push_back({"overdue", boolean().default_to(false).describe(
                                                         "only open requests past a deadline")});
                         return query;
                       }(),
                   .replies = {{.json = page_of(case_schema())}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/requests/{id}",
      .permission = std::string(kCaseRead),
      .summary = "One request with its timeline and what the caller may do next",
      .tag = "requests",
      .handler = [&service, detail_reply](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(CaseDetail detail, service.get(*request.actor, id_of(request)));
        return detail_reply(detail, request.locale, 200);
      },
      .contract = {.path = id_path(), .replies = {{.json = detail_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/requests/{id}/steps",
      .permission = std::string(kCaseHandle),
      .summary =
          "Take a step on a request: accept, start, resolve, close, transfer, return, merge, add "
          "a co-handling unit, report as co-handler, supervise, reopen, record a "
          "follow-up call",
      .tag = "requests",
      .handler = [&service, detail_reply](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        const Step step{*parse_action(body["action"].get<std::string>()),
                        body["version"].get<int64_t>(), body["note"].get<std::string>(),
                        http::field<std::string>(body, "targetUnit"),
                        http::field<int64_t>(body, "targetCase")};
        SHEQU_ASSIGN_OR_RETURN(CaseDetail detail,
                               service.act(*request.actor, id_of(request), step));
        return detail_reply(detail, request.locale, 200);
      },
      .contract = {.path = id_path(),
                   .body = object(
                       {{"action", action_schema()},
                        {"version", integer(1, kMaxInt).describe("the version last read")},
                        {"note", text(kMaxNote).min_length(0).default_to("").describe(
                                     "required to resolve (the result), follow up (the call's "
                                     "outcome), return, transfer, supervise, report and reopen "
                                     "(the reason)")},
                        {"targetUnit",
                         unit_code().optional().describe("transfer, add_co_handler: the unit")},
                        {"targetCase", integer(1, kMaxInt)
                                           .optional()
                                           .describe("merge: the open request it duplicates")}}),
                   .replies = {{.json = detail_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/requests/mine",
      .permission = std::string(kCaseSubmit),
      .summary = "A resident submits a request in their own community",
      .tag = "requests",
      .handler = [&service, detail_reply](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(NewRequest r, new_request_of(body));
        r.unit = http::field<std::string>(body, "unitCode").value_or("");
        SHEQU_ASSIGN_OR_RETURN(CaseDetail created,
                               service.submit_own(*request.actor, std::move(r)));
        return detail_reply(created, request.locale, 201);
      },
      .contract = {.body =
                       [] {
                         auto fields = request_properties();
                         fields.push_back({"unitCode", unit_code().optional().describe(
                                                           "default: the resident's community")});
                         return object(std::move(fields));
                       }(),
                   .replies = {{.status = 201, .json = detail_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/requests/mine",
      .permission = std::string(kCaseSubmit),
      .summary = "A resident's own requests, newest first",
      .tag = "requests",
      .handler = [&service, page_reply](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        SHEQU_ASSIGN_OR_RETURN(
            auto page, service.list_own(*request.actor,
                                        {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}));
        return page_reply(page, request.locale);
      },
      .contract = {.query = paging(), .replies = {{.json = page_of(case_schema())}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/requests/mine/{id}",
      .permission = std::string(kCaseSubmit),
      .summary = "One of the resident's own requests with its timeline",
      .tag = "requests",
      .handler = [&service, detail_reply](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(CaseDetail detail, service.get_own(*request.actor, id_of(request)));
        return detail_reply(detail, request.locale, 200);
      },
      .contract = {.path = id_path(), .replies = {{.json = detail_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/requests/mine/{id}/rating",
      .permission = std::string(kCaseSubmit),
      .summary = "A resident rates their request once its result is fed back (好差评); a bad "
                 "rating reopens it for rectification",
      .tag = "requests",
      .handler = [&service, detail_reply](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            CaseDetail detail,
            service.rate(*request.actor, id_of(request), body["version"].get<int64_t>(),
                         body["score"].get<std::string>(), body["comment"].get<std::string>()));
        return detail_reply(detail, request.locale, 200);
      },
      .contract = {.path = id_path(),
                   .body = object({{"version", integer(1, kMaxInt)},
                                   {"score", score_schema()},
                                   {"comment", text(kMaxComment).min_length(0).default_to("")}}),
                   .replies = {{.json = detail_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/requests/{id}/rating/appeal",
      .permission = std::string(kCaseHandle),
      .summary = "The lead unit appeals a bad rating as mistaken or malicious",
      .tag = "requests",
      .handler = [&service, detail_reply](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(CaseDetail detail,
                               service.appeal(*request.actor, id_of(request),
                                              request.body_json["reason"].get<std::string>()));
        return detail_reply(detail, request.locale, 200);
      },
      .contract = {.path = id_path(),
                   .body = object({{"reason", text(kMaxNote)}}),
                   .replies = {{.json = detail_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/requests/{id}/rating/decision",
      .permission = std::string(kCaseSupervise),
      .summary = "The unit above the lead unit decides an appeal of a rating",
      .tag = "requests",
      .handler = [&service, detail_reply](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            CaseDetail detail,
            service.decide_appeal(*request.actor, id_of(request), body["upheld"].get<bool>(),
                                  body["note"].get<std::string>()));
        return detail_reply(detail, request.locale, 200);
      },
      .contract = {.path = id_path(),
                   .body =
                       object({{"upheld", boolean().describe("true: the rating no longer counts")},
                               {"note", text(kMaxNote)}}),
                   .replies = {{.json = detail_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/requests/rates",
      .permission = std::string(kCaseRead),
      .summary = "The three rates (response, resolution, satisfaction) of a unit over a period, "
                 "by the units below it or by category",
      .tag = "requests",
      .handler = [&service, &org, catalogue](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        const RatesQuery query{q["unit"].get<std::string>(), q["from"].get<std::string>(),
                               q["to"].get<std::string>(),
                               q["by"].get<std::string>() == "category"};
        SHEQU_ASSIGN_OR_RETURN(RatesReport report, service.rates(*request.actor, query));
        SHEQU_ASSIGN_OR_RETURN(auto categories, catalogue());
        const auto name = [&](const std::string& key) {
          if (query.by_category) return category_name(categories, key, request.locale);
          auto unit = org.unit(key);
          return unit ? unit->unit.name : key;
        };
        Json rows = Json::array();
        for (const RateCounts& c : report.rows) rows.push_back(rate_json(c, name(c.key)));
        auto unit = org.unit(query.unit);
        return Response::json(200, {{"total", rate_json(report.total, unit ? unit->unit.name : "")},
                                    {"rows", std::move(rows)}});
      },
      .contract = {.query = {{"unit", unit_code()},
                             {"from", date()},
                             {"to", date()},
                             {"by", enum_of({"unit", "category"}).default_to("unit")}},
                   .replies = {{.json = object({{"total", rate_counts_schema()},
                                                {"rows", array(rate_counts_schema())}})}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/requests/mine/{id}/withdraw",
      .permission = std::string(kCaseSubmit),
      .summary = "A resident withdraws a request nobody has accepted yet",
      .tag = "requests",
      .handler = [&service, detail_reply](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(
            CaseDetail detail,
            service.withdraw(*request.actor, id_of(request), body["version"].get<int64_t>(),
                             body["note"].get<std::string>()));
        return detail_reply(detail, request.locale, 200);
      },
      .contract = {.path = id_path(),
                   .body = object({{"version", integer(1, kMaxInt)},
                                   {"note", text(kMaxNote).describe("why")}}),
                   .replies = {{.json = detail_schema()}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/requests/{id}/photos",
      .permission = std::string(kCaseHandle),
      .summary = "Add a photo to a request one handles, co-handles or supervises",
      .tag = "requests",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(Photo added,
                               service.add_photo(*request.actor, id_of(request), request.body));
        return Response::json(201, photo_json(added));
      },
      .contract = {.path = id_path(),
                   .upload = photo_upload(),
                   .replies = {{.status = 201, .json = photo_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/requests/{id}/photos/{photo}",
      .permission = std::string(kCaseRead),
      .summary = "A photo of a request in scope",
      .tag = "requests",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(PhotoFile file,
                               service.photo(*request.actor, id_of(request),
                                             request.path_json["photo"].get<int64_t>()));
        return photo_response(std::move(file));
      },
      .contract = {.path = photo_path(),
                   .replies = {{.media_type = "image/*", .description = "the photo"}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/requests/mine/{id}/photos",
      .permission = std::string(kCaseSubmit),
      .summary = "A resident adds a photo to their own request",
      .tag = "requests",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(Photo added,
                               service.add_own_photo(*request.actor, id_of(request), request.body));
        return Response::json(201, photo_json(added));
      },
      .contract = {.path = id_path(),
                   .upload = photo_upload(),
                   .replies = {{.status = 201, .json = photo_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/requests/mine/{id}/photos/{photo}",
      .permission = std::string(kCaseSubmit),
      .summary = "A photo of the resident's own request",
      .tag = "requests",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(PhotoFile file,
                               service.own_photo(*request.actor, id_of(request),
                                                 request.path_json["photo"].get<int64_t>()));
        return photo_response(std::move(file));
      },
      .contract = {.path = photo_path(),
                   .replies = {{.media_type = "image/*", .description = "the photo"}}},
  });
}

}  // namespace shequ::requests
