#include "requests/open311.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <set>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "common/strings.hpp"
#include "http/error_mapping.hpp"
#include "http/query.hpp"
#include "requests/declaration.hpp"

namespace shequ::requests::open311 {

namespace {

using http::Request;
using http::Response;

constexpr std::string_view kRoot = "/open311/v2";
// The one jurisdiction this endpoint serves.
constexpr std::string_view kJurisdiction = "gansu";
// When this API last changed (discovery's changeset).
constexpr std::string_view kChangeset = "2026-12-02T00:00:00+08:00";
constexpr std::string_view kSpecification = "http://wiki.open311.org/GeoReport_v2";
// The spec's defaults: requests of the last 90 days, at most 1000 of them.
constexpr auto kDefaultSpan = std::chrono::days(90);
constexpr int64_t kMaxRecords = 1000;
constexpr std::size_t kMaxIds = 200;
// A form-encoded request is small: the longest description is 2,000 characters.
constexpr std::size_t kMaxForm = 32 * 1024;

enum class Format { json, xml };

// ---- XML ------------------------------------------------------------------------------------

std::string item_name(std::string_view list) {
  static const std::map<std::string_view, std::string_view> names{
      {"services", "service"},
      {"service_requests", "request"},
      {"attributes", "attribute"},
      {"values", "value"},
      {"errors", "error"},
      {"endpoints", "endpoint"},
      {"formats", "format"},
      {"service_request_updates", "request_update"},
      {"service_requests_updates", "request_update"}};
  const auto it = names.find(list);
  return std::string(it != names.end() ? it->second : "item");
}

void escape_into(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
}

void element(std::string& out, const std::string& name, const Json& value) {
  if (value.is_array()) {
    out += "<" + name + ">";
    const std::string item = item_name(name);
    for (const Json& v : value) element(out, item, v);
    out += "</" + name + ">";
  } else if (value.is_object()) {
    out += "<" + name + ">";
    for (const auto& [key, v] : value.items()) element(out, key, v);
    out += "</" + name + ">";
  } else if (value.is_null()) {
    out += "<" + name + "/>";
  } else {
    out += "<" + name + ">";
    escape_into(out, value.is_string() ? value.get_ref<const std::string&>() : value.dump());
    out += "</" + name + ">";
  }
}

// ---- answers --------------------------------------------------------------------------------

Response render(Format format, int status, std::string_view xml_root, const Json& body) {
  if (format == Format::json) return Response::json(status, body);
  return Response::text(status, to_xml(xml_root, body), "text/xml; charset=utf-8");
}

// Our field names as the spec's clients know them.
std::string spec_field(const std::string& field) {
  static const std::map<std::string, std::string> names{
      {"categoryCode", "service_code"}, {"unitCode", "unit_code"},     {"lon", "long"},
      {"address", "address_string"},    {"contactPhone", "phone"},     {"contactName", "last_name"},
      {"externalId", "external_id"},    {"description", "description"}};
  if (field.starts_with("attributes.")) return fmt::format("attribute[{}]", field.substr(11));
  const auto it = names.find(field);
  return it != names.end() ? it->second : field;
}

// The spec's errors: one per problem, 403 for a missing or unknown api_key.
Response error_reply(Format format, const Error& error, Locale locale) {
  const int status = error.code == ErrorCode::unauthenticated ? 403 : http::http_status(error.code);
  Json errors = Json::array();
  for (const FieldError& e : error.details) {
    errors.push_back(
        {{"code", status},
         {"description", fmt::format("{}: {}", spec_field(e.field), e.reason.in(locale))}});
  }
  if (errors.empty()) {
    // The spec's clients look for the parameter at fault.
    const std::string description =
        error.code == ErrorCode::unauthenticated
            ? fmt::format("api_key: {}", locale == Locale::en ? "missing, unknown or revoked"
                                                              : "缺少 API 密钥，或密钥无效、已撤销")
            : error.message.in(locale);
    errors.push_back({{"code", status}, {"description", description}});
  }
  Response response = render(format, status, "errors", errors);
  if (error.code == ErrorCode::rate_limited) {
    response.headers.emplace_back("retry-after", "60");
  }
  return response;
}

struct Answer {
  int status = 200;
  Json body;
};
using Handler = std::function<Result<Answer>(const Request&)>;

// ---- schemas of the JSON answers ------------------------------------------------------------

const http::Schema& discovery_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "Open311Discovery", object({{"changeset", string()},
                                  {"contact", string()},
                                  {"key_service", string()},
                                  {"endpoints", array(object({{"specification", string()},
                                                              {"url", string()},
                                                              {"changeset", string()},
                                                              {"type", string()},
                                                              {"formats", array(string())}}))}}));
  return schema;
}

const http::Schema& services_schema() {
  using namespace http::schema;
  static const http::Schema schema = array(component(
      "Open311Service", object({{"service_code", string()},
                                {"service_name", string()},
                                {"description", string()},
                                {"metadata", boolean().describe("true: it asks questions")},
                                {"type", string()},
                                {"keywords", string()},
                                {"group", string()}})));
  return schema;
}

const http::Schema& definition_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "Open311ServiceDefinition",
      object(
          {{"service_code", string()},
           {"attributes",
            array(object({{"variable", boolean()},
                          {"code", string()},
                          {"datatype", enum_of({"string", "number", "singlevaluelist"})},
                          {"required", boolean()},
                          {"datatype_description", string().nullable()},
                          {"order", integer()},
                          {"description", string()},
                          {"values", array(object({{"key", string()}, {"name", string()}}))}}))}}));
  return schema;
}

const http::Schema& requests_schema() {
  using namespace http::schema;
  static const http::Schema schema = array(component(
      "Open311Request",
      object({{"service_request_id", string()},
              {"status", enum_of({"open", "closed"})},
              {"status_notes", string().nullable()},
              {"service_name", string()},
              {"service_code", string()},
              {"description", string()},
              {"agency_responsible", string()},
              {"service_notice", string().nullable()},
              {"requested_datetime", string()},
              {"updated_datetime", string()},
              {"expected_datetime", string().nullable().describe("the feedback deadline")},
              {"address", string()},
              {"address_id", string().nullable()},
              {"zipcode", string().nullable()},
              {"lat", number().nullable()},
              {"long", number().nullable()},
              {"media_url", string().nullable()}})));
  return schema;
}

const http::Schema& created_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      array(component("Open311Created", object({{"service_request_id", string()},
                                                {"token", string().describe("the tracking code")},
                                                {"service_notice", string()},
                                                {"account_id", string().nullable()}})));
  return schema;
}

const http::Schema& token_schema() {
  using namespace http::schema;
  static const http::Schema schema = array(
      component("Open311Token", object({{"service_request_id", string()}, {"token", string()}})));
  return schema;
}

const http::Schema& updates_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "Open311Updates",
      object({{"service_request_updates",
               array(object({{"update_id", string()},
                             {"service_request_id", string()},
                             {"status", string().describe("OPEN, INVESTIGATING, IN_PROGRESS, "
                                                          "FIXED, CLOSED or DUPLICATE")},
                             {"updated_datetime", string()},
                             {"description", string()},
                             {"media_url", string().nullable()}}))}}));
  return schema;
}

// ---- inputs ---------------------------------------------------------------------------------

std::vector<http::Property> common_query(std::vector<http::Property> more = {}) {
  using namespace http::schema;
  more.push_back({"api_key", secret(128).optional().describe("the client's API key")});
  more.push_back({"jurisdiction_id", text(64).optional().describe("gansu (the only one)")});
  return more;
}

Status check_jurisdiction(const std::optional<std::string>& given) {
  if (given && *given != kJurisdiction) {
    return Error::invalid("jurisdiction_id", {fmt::format("只有 {}", kJurisdiction),
                                              fmt::format("only {} is served", kJurisdiction)});
  }
  return {};
}

std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

// The period a list covers: [start_date, end_date], by default the 90 days up to end_date (or
// now); never longer than 90 days.
struct Period {
  std::string from;
  std::string to;
};
Result<Period> period_of(const Json& query, TimePoint now) {
  std::vector<FieldError> errors;
  const auto read = [&](const char* name) -> std::optional<TimePoint> {
    const auto text = http::field<std::string>(query, name);
    if (!text) return std::nullopt;
    auto at = parse_w3c(*text);
    if (!at) {
      errors.push_back({name,
                        {"应为带时区的 W3C 时间，如 2026-11-30T09:00:00+08:00",
                         "must be a W3C datetime with its zone, e.g. 2026-11-30T09:00:00+08:00"}});
    }
    return at;
  };
  const auto start = read("start_date");
  const auto end = read("end_date");
  if (!errors.empty()) return Error::invalid(std::move(errors));
  const TimePoint to = end.value_or(start ? *start + kDefaultSpan : now);
  const TimePoint from = start.value_or(to - kDefaultSpan);
  if (from > to) {
    return Error::invalid("start_date", {"不能晚于 end_date", "must not be after end_date"});
  }
  if (to - from > kDefaultSpan) {
    return Error::invalid("end_date",
                          {"时间段不能超过 90 天", "the period may not be longer than 90 days"});
  }
  return Period{format_timestamp(from), format_timestamp(to)};
}

std::optional<double> degrees(const std::optional<int32_t>& e7) {
  if (!e7) return std::nullopt;
  return *e7 / 1e7;
}

TimePoint stored_time(const std::string& timestamp) {
  return parse_timestamp(timestamp).value_or(TimePoint{});
}

// ---- shaping --------------------------------------------------------------------------------

// The catalogue's leaves by code, for names.
using Leaves = std::map<std::string, Category>;
Result<Leaves> leaves_of(const RequestService& service, bool active_only) {
  SHEQU_ASSIGN_OR_RETURN(auto all, service.categories(!active_only));
  Leaves out;
  for (Category& c : all) {
    if (!c.parent.empty()) out.emplace(c.code, std::move(c));
  }
  return out;
}

std::string unit_name(const org::OrgService& org, const std::string& code) {
  const auto unit = org.tree().find(code);
  return unit ? unit->unit.name : code;
}

Json request_json(const FoundCase& found, const Leaves& leaves, const org::OrgService& org,
                  Locale locale) {
  const Case& c = found.view.value;
  const auto leaf = leaves.find(c.category);
  std::string notes = state_label(c.status).in(locale);
  if (c.merged_into) {
    notes += locale == Locale::en ? fmt::format(": merged into request {}", *c.merged_into)
                                  : fmt::format("：已并入诉求 {}", *c.merged_into);
  } else if (!found.resolution.empty() && !is_open(c.status)) {
    notes += (locale == Locale::en ? ": " : "：") + found.resolution;
  }
  const auto lat = degrees(c.lat_e7);
  const auto lon = degrees(c.lon_e7);
  return {{"service_request_id", std::to_string(c.id)},
          {"status", status_of(c.status)},
          {"status_notes", notes},
          {"service_name", leaf != leaves.end() ? leaf->second.name.in(locale) : c.category},
          {"service_code", c.category},
          {"description", c.description},
          {"agency_responsible", unit_name(org, c.unit)},
          {"service_notice", nullptr},
          {"requested_datetime", w3c_china(stored_time(c.received_at))},
          {"updated_datetime", w3c_china(stored_time(c.updated_at))},
          {"expected_datetime",
           is_open(c.status) ? Json(w3c_china(stored_time(c.resolve_due))) : Json(nullptr)},
          {"address", c.address},
          {"address_id", nullptr},
          {"zipcode", nullptr},
          {"lat", lat ? Json(*lat) : Json(nullptr)},
          {"long", lon ? Json(*lon) : Json(nullptr)},
          {"media_url", nullptr}};
}

std::string notice_of(const Case& c, Locale locale) {
  const std::string accept = w3c_china(stored_time(c.accept_due));
  const std::string resolve = w3c_china(stored_time(c.resolve_due));
  return locale == Locale::en
             ? fmt::format("to be accepted by {} and answered by {}", accept, resolve)
             : fmt::format("将于 {} 前签收，{} 前反馈办理结果", accept, resolve);
}

Json created_json(const Case& c, Locale locale) {
  return Json::array({{{"service_request_id", std::to_string(c.id)},
                       {"token", c.tracking_code},
                       {"service_notice", notice_of(c, locale)},
                       {"account_id", nullptr}}});
}

// mySociety's states of an update: the state the step left the case in.
std::string_view update_status(const CaseEvent& e) {
  if (e.action == action_key(Action::merge)) return "DUPLICATE";
  const auto state = parse_state(e.to_status);
  if (!state) return "OPEN";
  switch (*state) {
    case State::submitted:
      return "OPEN";
    case State::accepted:
      return "INVESTIGATING";
    case State::in_progress:
      return "IN_PROGRESS";
    case State::resolved:
      return "FIXED";
    case State::closed:
      return "CLOSED";
  }
  return "OPEN";
}

// A step as the client is told of it: what was done, and the feedback of a resolution (the
// other notes are the units' own).
std::string update_text(const CaseEvent& e, Locale locale) {
  const auto action = parse_action(e.action);
  std::string text =
      action ? action_label(*action).in(locale) : (locale == Locale::en ? "Received" : "已受理");
  if (action == Action::resolve && !e.note.empty()) {
    text += (locale == Locale::en ? ": " : "：") + e.note;
  }
  return text;
}

// ---- POST requests --------------------------------------------------------------------------

// The form fields the spec defines and the two extensions; attribute[CODE] aside.
const std::set<std::string, std::less<>> kFormFields{
    "api_key",    "jurisdiction_id", "service_code", "lat",        "long",       "address_string",
    "address_id", "email",           "device_id",    "account_id", "first_name", "last_name",
    "phone",      "description",     "media_url",    "unit_code",  "external_id"};

// attribute[CODE] or attribute[CODE][] → CODE; nullopt for any other name.
std::optional<std::string> attribute_code(std::string_view name) {
  if (!name.starts_with("attribute[")) return std::nullopt;
  name.remove_prefix(10);
  if (name.ends_with("[]")) name.remove_suffix(2);
  if (!name.ends_with(']') || name.size() < 2) return std::nullopt;
  name.remove_suffix(1);
  if (name.find_first_of("[]") != std::string_view::npos) return std::nullopt;
  return std::string(name);
}

// An answer as the form gives it (text) typed as the category's question takes it.
Json typed_answer(const Attribute& a, const std::string& value, std::vector<FieldError>& errors) {
  if (a.type == "number") {
    if (auto n = parse_number(value)) return *n;
    errors.push_back(
        {"attributes." + a.key, {a.label.zh + "应为数字", a.label.en + " must be a number"}});
  } else if (a.type == "boolean") {
    if (value == "true" || value == "1") return true;
    if (value == "false" || value == "0") return false;
    errors.push_back({"attributes." + a.key,
                      {a.label.zh + "应为 true 或 false", a.label.en + " must be true or false"}});
  } else {
    return value;
  }
  return nullptr;
}

Result<Answer> submit(const Request& request, const RequestService& service,
                      const org::OrgService& org) {
  const Locale locale = request.locale;
  auto pairs = http::parse_query(request.body);
  if (!pairs) return Error::invalid("body", {"表单编码有误", "the form is not well encoded"});
  std::map<std::string, std::string> fields;
  std::map<std::string, std::string> answers;
  std::vector<FieldError> errors;
  for (auto& [name, value] : *pairs) {
    if (auto code = attribute_code(name)) {
      if (!answers.emplace(*code, std::move(value)).second) {
        errors.push_back({name, {"只能有一个值", "takes one value"}});
      }
    } else if (!kFormFields.contains(name)) {
      errors.push_back({name, {"不是 Open311 的参数", "is not an Open311 parameter"}});
    } else if (!fields.emplace(name, std::move(value)).second) {
      errors.push_back({name, {"只能给一次", "may be given once"}});
    }
  }
  const auto get = [&](const std::string& name) -> std::string {
    const auto it = fields.find(name);
    return it != fields.end() ? it->second : "";
  };
  if (fields.contains("jurisdiction_id")) {
    if (Status ok = check_jurisdiction(get("jurisdiction_id")); !ok) {
      errors.push_back(ok.error().details.front());
    }
  }
  SHEQU_ASSIGN_OR_RETURN(const Leaves leaves, leaves_of(service, true));
  const std::string code = get("service_code");
  const auto leaf = leaves.find(code);
  NewRequest r;
  if (code.empty()) {
    errors.push_back({"service_code", {"必填", "is required"}});
  } else if (leaf == leaves.end()) {
    errors.push_back({"service_code", {"没有这项服务", "no such service"}});
  } else {
    r.category = code;
    for (const auto& [key, value] : answers) {
      const auto asked = std::ranges::find(leaf->second.attributes, key, &Attribute::key);
      // An answer to a question it does not ask is refused by the service, by name.
      r.attributes[key] = asked != leaf->second.attributes.end()
                              ? typed_answer(*asked, value, errors)
                              : Json(value);
    }
  }
  const bool has_point = fields.contains("lat") || fields.contains("long");
  if (has_point) {
    const auto lat = parse_number(get("lat"));
    const auto lon = parse_number(get("long"));
    if (!lat) errors.push_back({"lat", {"应为纬度（WGS 84）", "must be a WGS 84 latitude"}});
    if (!lon) errors.push_back({"long", {"应为经度（WGS 84）", "must be a WGS 84 longitude"}});
    r.lat = lat;
    r.lon = lon;
  }
  r.address = get("address_string");
  if (r.address.empty() && !get("address_id").empty()) r.address = get("address_id");
  if (!has_point && r.address.empty()) {
    errors.push_back({"lat",
                      {"请给出 lat 和 long，或 address_string，或 address_id",
                       "give lat and long, address_string or address_id"}});
  }
  // The key's unit when it is a village, community or grid; otherwise unit_code must say where.
  r.unit = get("unit_code");
  if (r.unit.empty()) {
    const auto own = org.tree().find(request.actor->unit_code);
    if (own && (own->unit.level == org::Level::village || own->unit.level == org::Level::grid)) {
      r.unit = own->unit.code;
    } else {
      errors.push_back({"unit_code",
                        {"该密钥管辖多个村（社区），请用 unit_code 指明所在村（社区）或网格",
                         "the key covers several villages: name the village, community or grid "
                         "in unit_code"}});
    }
  }
  r.description = get("description");
  // Chinese names put the family name first.
  r.contact_name = get("last_name") + get("first_name");
  r.contact_phone = get("phone");
  r.channel = "open311";
  if (fields.contains("external_id")) r.external_id = get("external_id");
  if (!errors.empty()) {
    // And what the service would refuse besides, so that every problem is named at once.
    if (Status more = service.check_new(*request.actor, r); !more) {
      for (const FieldError& e : more.error().details) {
        const bool named = std::ranges::any_of(errors, [&](const FieldError& known) {
          return spec_field(known.field) == spec_field(e.field);
        });
        if (!named) errors.push_back(e);
      }
    }
    return Error::invalid(std::move(errors));
  }
  if (r.external_id) {
    SHEQU_ASSIGN_OR_RETURN(auto known, service.find_external(*request.actor, "open311",
                                                             std::string(trim(*r.external_id))));
    if (known) return Answer{200, created_json(known->value, locale)};
  }
  auto created = service.submit_brief(*request.actor, r);
  if (!created && created.error().code == ErrorCode::conflict && r.external_id) {
    // Sent twice at once: the other one registered it.
    SHEQU_ASSIGN_OR_RETURN(auto known, service.find_external(*request.actor, "open311",
                                                             std::string(trim(*r.external_id))));
    if (known) return Answer{200, created_json(known->value, locale)};
  }
  SHEQU_TRY(created);
  return Answer{201, created_json(created->value, locale)};
}

// ---- GET requests ---------------------------------------------------------------------------

Result<Answer> search(const Request& request, const RequestService& service,
                      const org::OrgService& org, const Clock& clock) {
  const Json& q = request.query_json;
  SHEQU_TRY(check_jurisdiction(http::field<std::string>(q, "jurisdiction_id")));
  SHEQU_ASSIGN_OR_RETURN(const Leaves leaves, leaves_of(service, false));
  CaseSearch search;
  search.limit = kMaxRecords;
  std::vector<FieldError> errors;
  if (const auto ids = http::field<std::string>(q, "service_request_id")) {
    for (const std::string& id : split_commas(*ids)) {
      int64_t value = 0;
      const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
      if (ec != std::errc() || end != id.data() + id.size() || value <= 0) {
        errors.push_back(
            {"service_request_id",
             {fmt::format("“{}”不是诉求编号", id), fmt::format("'{}' is not a request id", id)}});
      } else {
        search.ids.push_back(value);
      }
    }
    if (search.ids.size() > kMaxIds) {
      errors.push_back(
          {"service_request_id",
           {fmt::format("一次最多 {} 个", kMaxIds), fmt::format("at most {} at once", kMaxIds)}});
    }
  }
  if (const auto codes = http::field<std::string>(q, "service_code")) {
    for (const std::string& code : split_commas(*codes)) {
      if (!leaves.contains(code)) {
        errors.push_back({"service_code",
                          {fmt::format("没有服务 {}", code), fmt::format("no service {}", code)}});
      } else {
        search.categories.push_back(code);
      }
    }
  }
  if (const auto statuses = http::field<std::string>(q, "status")) {
    std::set<std::string> wanted;
    for (const std::string& s : split_commas(*statuses)) {
      if (s != "open" && s != "closed") {
        errors.push_back({"status", {"应为 open 或 closed", "must be open or closed"}});
      }
      wanted.insert(s);
    }
    if (wanted.size() == 1) search.open = wanted.contains("open");
  }
  auto period = period_of(q, clock.now());
  if (!period) {
    for (const FieldError& e : period.error().details) errors.push_back(e);
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  search.received_from = period->from;
  search.received_to = period->to;
  SHEQU_ASSIGN_OR_RETURN(auto found, service.search(*request.actor, std::move(search)));
  Json out = Json::array();
  for (const FoundCase& f : found) out.push_back(request_json(f, leaves, org, request.locale));
  return Answer{200, std::move(out)};
}

Result<Answer> one_request(const Request& request, const RequestService& service,
                           const org::OrgService& org) {
  SHEQU_TRY(check_jurisdiction(http::field<std::string>(request.query_json, "jurisdiction_id")));
  const int64_t id = request.path_json["id"].get<int64_t>();
  SHEQU_ASSIGN_OR_RETURN(const Leaves leaves, leaves_of(service, false));
  CaseSearch search;
  search.ids = {id};
  search.limit = 1;
  SHEQU_ASSIGN_OR_RETURN(auto found, service.search(*request.actor, std::move(search)));
  if (found.empty()) {
    return Error::not_found({fmt::format("未找到诉求 {}", id), fmt::format("no request {}", id)});
  }
  return Answer{200, Json::array({request_json(found.front(), leaves, org, request.locale)})};
}

// ---- the route table ------------------------------------------------------------------------

struct Resource {
  std::string method = "GET";
  std::string path;  // after /open311/v2, without the format
  std::string permission;
  std::string summary;
  http::Contract contract;  // without replies
  http::Schema reply;
  std::vector<int> statuses{200};
  std::string xml_root;
  Handler handler;
  // The field of the JSON answer whose value the XML document holds (mySociety's updates).
  std::string xml_unwrap;
};

void add_both(http::Router& router, const Resource& resource) {
  for (const Format format : {Format::json, Format::xml}) {
    http::Contract contract = resource.contract;
    for (int status : resource.statuses) {
      if (format == Format::json) {
        contract.replies.push_back({.status = status, .json = resource.reply});
      } else {
        contract.replies.push_back({.status = status, .media_type = "text/xml"});
      }
    }
    contract.errors = [format](const Error& e, Locale locale, std::string_view) {
      return error_reply(format, e, locale);
    };
    const bool keyed = resource.permission != http::kPublic;
    router.add(
        {.method = resource.method,
         .pattern =
             fmt::format("{}{}.{}", kRoot, resource.path, format == Format::json ? "json" : "xml"),
         .permission = resource.permission,
         .summary = resource.summary,
         .tag = "open311",
         .handler = [format, xml_root = resource.xml_root, unwrap = resource.xml_unwrap,
                     handler = resource.handler](const Request& request) -> Result<Response> {
           SHEQU_ASSIGN_OR_RETURN(Answer answer, handler(request));
           const Json& body =
               format == Format::xml && !unwrap.empty() ? answer.body.at(unwrap) : answer.body;
           return render(format, answer.status, xml_root, body);
         },
         .contract = std::move(contract),
         .api_key_parameter = keyed ? "api_key" : ""});
  }
}

}  // namespace

std::string to_xml(std::string_view root, const Json& value) {
  std::string out = R"(<?xml version="1.0" encoding="UTF-8"?>)";
  out += '\n';
  element(out, std::string(root), value);
  out += '\n';
  return out;
}

std::optional<TimePoint> parse_w3c(std::string_view text) {
  // YYYY-MM-DDThh:mm[:ss[.fff]](Z|±hh:mm)
  const auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    if (at + n > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const auto at = [&](std::size_t i, char c) { return i < text.size() && text[i] == c; };
  const auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  const auto hour = digits(11, 2), minute = digits(14, 2);
  if (!year || !month || !day || !hour || !minute || !at(4, '-') || !at(7, '-') ||
      !(at(10, 'T') || at(10, 't')) || !at(13, ':')) {
    return std::nullopt;
  }
  std::size_t i = 16;
  int second = 0;
  std::chrono::milliseconds fraction{0};
  if (at(i, ':')) {
    const auto s = digits(i + 1, 2);
    if (!s) return std::nullopt;
    second = *s;
    i += 3;
    if (at(i, '.')) {
      ++i;
      int scale = 100;
      const std::size_t first = i;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        fraction += std::chrono::milliseconds((text[i] - '0') * scale);
        scale /= 10;
        ++i;
      }
      if (i == first) return std::nullopt;
    }
  }
  std::chrono::minutes offset{0};
  if (at(i, 'Z') || at(i, 'z')) {
    ++i;
  } else if (at(i, '+') || at(i, '-')) {
    const auto oh = digits(i + 1, 2), om = digits(i + 4, 2);
    if (!oh || !om || !at(i + 3, ':') || *oh > 14 || *om > 59) return std::nullopt;
    offset = std::chrono::hours(*oh) + std::chrono::minutes(*om);
    if (text[i] == '-') offset = -offset;
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != text.size() || *hour > 23 || *minute > 59 || second > 59) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  const auto local = std::chrono::sys_days(date) + std::chrono::hours(*hour) +
                     std::chrono::minutes(*minute) + std::chrono::seconds(second) + fraction;
  return std::chrono::time_point_cast<TimePoint::duration>(local - offset);
}

std::string w3c_china(TimePoint t) {
  const auto local = std::chrono::floor<std::chrono::seconds>(t) + std::chrono::hours(8);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}+08:00", local);
}

std::string_view status_of(State state) {
  return is_open(state) ? "open" : "closed";
}

void add_routes(http::Router& router, const RequestService& service, const org::OrgService& org,
                const Clock& clock) {
  using namespace http::schema;
  add_both(router,
           {.path = "/discovery",
            .permission = std::string(http::kPublic),
            .summary = "Open311 service discovery",
            .contract = {.query = common_query()},
            .reply = discovery_schema(),
            .xml_root = "discovery",
            .handler = [](const Request& request) -> Result<Answer> {
              const std::string scheme =
                  request.header("x-forwarded-proto") == "https" ? "https" : "http";
              const std::string url =
                  fmt::format("{}://{}{}", scheme, request.header("host"), kRoot);
              const bool en = request.locale == Locale::en;
              return Answer{
                  200,
                  {{"changeset", kChangeset},
                   {"contact", en ? "The civil-affairs department of the unit your API key is for"
                                  : "API 密钥所属单位的民政部门"},
                   {"key_service", en ? "Ask your unit's administrator for an API key (System › "
                                        "API keys)"
                                      : "向所属单位的管理员申请 API 密钥（系统管理 › API 密钥）"},
                   {"endpoints", Json::array({{{"specification", kSpecification},
                                               {"url", url},
                                               {"changeset", kChangeset},
                                               {"type", "production"},
                                               {"formats", {"text/xml", "application/json"}}}})}}};
            }});
  add_both(router,
           {.path = "/services",
            .permission = std::string(http::kPublic),
            .summary = "Open311: the services (request categories) one may submit",
            .contract = {.query = common_query()},
            .reply = services_schema(),
            .xml_root = "services",
            .handler = [&service](const Request& request) -> Result<Answer> {
              SHEQU_TRY(check_jurisdiction(
                  http::field<std::string>(request.query_json, "jurisdiction_id")));
              SHEQU_ASSIGN_OR_RETURN(auto all, service.categories());
              std::map<std::string, std::string> groups;
              for (const Category& c : all) {
                if (c.parent.empty()) groups[c.code] = c.name.in(request.locale);
              }
              Json out = Json::array();
              for (const Category& c : all) {
                if (c.parent.empty()) continue;
                const auto limits = find_time_limit_class(c.time_limit);
                out.push_back({{"service_code", c.code},
                               {"service_name", c.name.in(request.locale)},
                               {"description", limits ? limits->label.in(request.locale) : ""},
                               {"metadata", !c.attributes.empty()},
                               {"type", "realtime"},
                               {"keywords", ""},
                               {"group", groups[c.parent]}});
              }
              return Answer{200, std::move(out)};
            }});
  add_both(router,
           {.path = "/services/{code}",
            .permission = std::string(http::kPublic),
            .summary = "Open311: a service's definition (the questions it asks)",
            .contract = {.path = {{"code", text(64)}}, .query = common_query()},
            .reply = definition_schema(),
            .xml_root = "service_definition",
            .handler = [&service](const Request& request) -> Result<Answer> {
              SHEQU_TRY(check_jurisdiction(
                  http::field<std::string>(request.query_json, "jurisdiction_id")));
              const std::string code = request.path_json["code"].get<std::string>();
              SHEQU_ASSIGN_OR_RETURN(const Leaves leaves, leaves_of(service, true));
              const auto leaf = leaves.find(code);
              if (leaf == leaves.end()) {
                return Error::not_found(
                    {fmt::format("没有服务 {}", code), fmt::format("no service {}", code)});
              }
              const bool en = request.locale == Locale::en;
              Json attributes = Json::array();
              int order = 0;
              for (const Attribute& a : leaf->second.attributes) {
                Json values = Json::array();
                std::string datatype = "string";
                Json description = nullptr;
                if (a.type == "number") {
                  datatype = "number";
                } else if (a.type == "boolean") {
                  datatype = "singlevaluelist";
                  values.push_back({{"key", "true"}, {"name", en ? "Yes" : "是"}});
                  values.push_back({{"key", "false"}, {"name", en ? "No" : "否"}});
                } else if (a.type == "choice") {
                  datatype = "singlevaluelist";
                  for (const std::string& choice : a.choices) {
                    values.push_back({{"key", choice}, {"name", choice}});
                  }
                } else {
                  description = en ? fmt::format("at most {} characters", kMaxAnswerLength)
                                   : fmt::format("不超过 {} 个字", kMaxAnswerLength);
                }
                attributes.push_back({{"variable", true},
                                      {"code", a.key},
                                      {"datatype", datatype},
                                      {"required", a.required},
                                      {"datatype_description", description},
                                      {"order", ++order},
                                      {"description", a.label.in(request.locale)},
                                      {"values", std::move(values)}});
              }
              return Answer{200, {{"service_code", code}, {"attributes", std::move(attributes)}}};
            }});
  add_both(router,
           {.method = "POST",
            .path = "/requests",
            .permission = std::string(kCaseIntake),
            .summary = "Open311: submit a request (form-encoded, with api_key); sending an "
                       "external_id again answers the request it registered (200)",
            .contract = {.upload = http::Upload{{"application/x-www-form-urlencoded"},
                                                kMaxForm,
                                                "the spec's fields, attribute[CODE] answers, and "
                                                "the extensions unit_code and external_id"}},
            .reply = created_schema(),
            .statuses = {201, 200},
            .xml_root = "service_requests",
            .handler = [&service, &org](const Request& request) {
              return submit(request, service, org);
            }});
  add_both(router,
           {.path = "/requests",
            .permission = std::string(kCaseRead),
            .summary = "Open311: the requests in the key's scope (90 days, 1000 at most)",
            .contract = {.query = common_query(
                             {{"service_request_id",
                               text(3000).optional().describe("ids, comma-separated; "
                                                              "the other filters then apply not")},
                              {"service_code", text(2000).optional().describe("comma-separated")},
                              {"start_date", text(40).optional().describe("W3C datetime")},
                              {"end_date", text(40).optional().describe("W3C datetime")},
                              {"status", text(20).optional().describe("open, closed")}})},
            .reply = requests_schema(),
            .xml_root = "service_requests",
            .handler = [&service, &org, &clock](const Request& request) {
              return search(request, service, org, clock);
            }});
  add_both(router, {.path = "/requests/{id}",
                    .permission = std::string(kCaseRead),
                    .summary = "Open311: one request in the key's scope",
                    .contract = {.path = {{"id", integer(1, kMaxInt)}}, .query = common_query()},
                    .reply = requests_schema(),
                    .xml_root = "service_requests",
                    .handler = [&service, &org](const Request& request) {
                      return one_request(request, service, org);
                    }});
  add_both(router, {.path = "/tokens/{token}",
                    .permission = std::string(kCaseRead),
                    .summary = "Open311: the request a token (tracking code) stands for",
                    .contract = {.path = {{"token", text(32)}}, .query = common_query()},
                    .reply = token_schema(),
                    .xml_root = "service_requests",
                    .handler = [&service](const Request& request) -> Result<Answer> {
                      SHEQU_TRY(check_jurisdiction(
                          http::field<std::string>(request.query_json, "jurisdiction_id")));
                      const std::string token = request.path_json["token"].get<std::string>();
                      SHEQU_ASSIGN_OR_RETURN(CaseView view,
                                             service.find_by_tracking_code(*request.actor, token));
                      return Answer{
                          200, Json::array({{{"service_request_id", std::to_string(view.value.id)},
                                             {"token", token}}})};
                    }});
  add_both(
      router,
      {.path = "/servicerequestupdates",
       .permission = std::string(kCaseRead),
       .summary = "Open311 (mySociety): the steps taken on the requests in the key's scope",
       .contract = {.query =
                        common_query({{"start_date", text(40).optional().describe("W3C datetime")},
                                      {"end_date", text(40).optional().describe("W3C datetime")}})},
       .reply = updates_schema(),
       .xml_root = "service_requests_updates",
       .handler = [&service, &clock](const Request& request) -> Result<Answer> {
         SHEQU_TRY(
             check_jurisdiction(http::field<std::string>(request.query_json, "jurisdiction_id")));
         SHEQU_ASSIGN_OR_RETURN(Period period, period_of(request.query_json, clock.now()));
         SHEQU_ASSIGN_OR_RETURN(
             auto updates, service.updates(*request.actor, period.from, period.to, kMaxRecords));
         Json out = Json::array();
         for (const CaseUpdate& u : updates) {
           out.push_back({{"update_id", std::to_string(u.event.id)},
                          {"service_request_id", std::to_string(u.case_id)},
                          {"status", update_status(u.event)},
                          {"updated_datetime", w3c_china(stored_time(u.event.at))},
                          {"description", update_text(u.event, request.locale)},
                          {"media_url", nullptr}});
         }
         return Answer{200, {{"service_request_updates", std::move(out)}}};
       },
       .xml_unwrap = "service_request_updates"});
}

}  // namespace shequ::requests::open311
