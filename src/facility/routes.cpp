#include "facility/routes.hpp"

#include <cmath>

#include "common/table_reader.hpp"
#include "facility/catalogue.hpp"
#include "facility/declaration.hpp"
#include "facility/facility_import.hpp"
#include "org/unit_json.hpp"

namespace shequ::facility {

namespace {

using http::Request;
using http::Response;

constexpr std::string_view kXlsxMediaType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// An import file: a province's facilities fit many times over.
constexpr std::size_t kMaxUploadBytes = 32u << 20;

// ---- shapes ----------------------------------------------------------------------------------

Status check_time_range(std::string_view value, const std::string& field) {
  if (parse_time_range(value)) return {};
  return Error::invalid(field, {"应为“08:00-12:00”这样的时段", "must be a range like 08:00-12:00"});
}

http::Schema time_range() {
  static const http::Format format{"time-range", "opening time from-to, 24-hour clock: HH:MM-HH:MM",
                                   "08:30-12:00", check_time_range};
  return http::schema::formatted(format).min_length(11).max_length(11);
}

http::Schema week_hours() {
  using namespace http::schema;
  std::vector<http::Property> days;
  for (std::string_view day : kDays) {
    days.push_back({std::string(day), array(time_range()).max_items(kMaxRangesPerDay)});
  }
  return component("OpeningHours",
                   object(std::move(days)).describe("ranges open each day, Monday (mon) first"));
}

std::vector<std::string> type_keys() {
  std::vector<std::string> keys;
  for (const FacilityType& t : facility_types()) keys.emplace_back(t.key);
  return keys;
}

std::vector<std::string> service_keys() {
  std::vector<std::string> keys;
  for (const ServiceKind& s : service_kinds()) keys.emplace_back(s.key);
  return keys;
}

const http::Schema& type_schema() {
  static const http::Schema schema =
      http::schema::component("FacilityType", http::schema::enum_of(type_keys()));
  return schema;
}

const http::Schema& service_schema() {
  static const http::Schema schema =
      http::schema::component("FacilityService", http::schema::enum_of(service_keys()));
  return schema;
}

const http::Schema& status_schema() {
  static const http::Schema schema = http::schema::component(
      "FacilityStatus", http::schema::enum_of({kStatuses.begin(), kStatuses.end()})
                            .describe("building 在建, open 运营, closed 停用"));
  return schema;
}

// The fields a person enters: the body of a registration, and of a change with its version.
std::vector<http::Property> field_properties() {
  using namespace http::schema;
  auto area = [](std::string what) { return number(0, kMaxArea).describe(std::move(what)); };
  return {{"unitCode",
           unit_code().describe("its village or community (township-level kinds: township)")},
          {"type", type_schema()},
          {"name", text(kMaxName)},
          {"floorArea", area("总建筑面积, m²")},
          {"activityArea", area("居民活动区域面积, m²")},
          {"officeArea", area("办公区域面积, m²")},
          {"serviceArea", area("商业和服务区域面积, m²")},
          {"landArea", area("占地面积, m²").nullable().default_to(nullptr)},
          {"capacity", integer(0, kMaxCapacity)
                           .nullable()
                           .default_to(nullptr)
                           .describe("可容纳人数 (required of an emergency shelter)")},
          {"hours", week_hours()},
          {"services", array(service_schema()).max_items(service_kinds().size())},
          {"lat", number(-90, 90).nullable().default_to(nullptr).describe("WGS 84")},
          {"lon", number(-180, 180).nullable().default_to(nullptr).describe("WGS 84")},
          {"status", status_schema()},
          {"openedOn", date().nullable().default_to(nullptr)},
          {"closedOn", date().nullable().default_to(nullptr)}};
}

const http::Schema& facility_schema() {
  using namespace http::schema;
  static const http::Schema schema = [] {
    std::vector<http::Property> fields{{"id", integer(1, kMaxInt)}};
    for (http::Property& p : field_properties()) {
      if (p.name == "name") p.schema = string();
      fields.push_back(std::move(p));
    }
    fields.push_back({"unit", org::unit_ref_schema()});
    fields.push_back({"createdAt", string()});
    fields.push_back({"updatedAt", string()});
    fields.push_back({"version", integer(1, kMaxInt)});
    return component("Facility", object(std::move(fields)));
  }();
  return schema;
}

const http::Schema& standard_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("FacilityStandard", object({{"key", string()},
                                            {"label", string()},
                                            {"result", enum_of({"pass", "fail", "no_data"})},
                                            {"value", number().nullable()},
                                            {"threshold", number()},
                                            {"unit", string()},
                                            {"note", string()}}));
  return schema;
}

const http::Schema& detail_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "FacilityDetail",
      object({{"facility", facility_schema()},
              {"standards", array(standard_schema())
                                .describe("the plan's standards (comprehensive facilities)")}}));
  return schema;
}

const http::Schema& change_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "FacilityChange", object({{"id", integer(1, kMaxInt)},
                                {"changedAt", string()},
                                {"userId", integer(1, kMaxInt).nullable()},
                                {"username", string()},
                                {"before", any().nullable().describe("null for the registration")},
                                {"after", any()}}));
  return schema;
}

const http::Schema& catalogue_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "FacilityCatalogue",
      object({{"types", array(object({{"key", type_schema()},
                                      {"label", string()},
                                      {"level", integer_enum({4, 5})}}))},
              {"services", array(object({{"key", service_schema()}, {"label", string()}}))}}));
  return schema;
}

const http::Schema& figures_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("UnitFigures", object({{"unitCode", unit_code()},
                                       {"year", integer()},
                                       {"households", integer()},
                                       {"residents", integer()},
                                       {"urbanResidents", integer()},
                                       {"buildingArea", number()},
                                       {"childcarePlaces", integer()},
                                       {"childcareAffordable", integer()},
                                       {"updatedAt", string()},
                                       {"version", integer(1, kMaxInt)}}));
  return schema;
}

std::vector<http::Property> figures_path() {
  auto path = org::code_path("a village's or community's 12-digit code");
  path.push_back({"year", http::schema::integer(kFirstYear, kLastYear)});
  return path;
}

Json changes_json(const std::vector<FacilityChange>& changes) {
  Json items = Json::array();
  for (const FacilityChange& c : changes) {
    items.push_back({{"id", c.id},
                     {"changedAt", c.changed_at},
                     {"userId", c.user_id ? Json(*c.user_id) : Json(nullptr)},
                     {"username", c.username},
                     {"before", c.before},
                     {"after", c.after}});
  }
  const auto total = static_cast<int64_t>(items.size());
  return {{"items", std::move(items)}, {"total", total}};
}

std::vector<http::Property> id_path() {
  return {{"id", http::schema::integer(1, http::schema::kMaxInt).describe("the facility's id")}};
}

int64_t id_of(const Request& request) {
  return request.path_json["id"].get<int64_t>();
}

// ---- conversions -----------------------------------------------------------------------------

FacilityFields fields_of(const Json& body) {
  FacilityFields f;
  f.unit_code = body["unitCode"].get<std::string>();
  f.type = body["type"].get<std::string>();
  f.name = body["name"].get<std::string>();
  f.floor_area = body["floorArea"].get<double>();
  f.activity_area = body["activityArea"].get<double>();
  f.office_area = body["officeArea"].get<double>();
  f.service_area = body["serviceArea"].get<double>();
  f.land_area = http::field<double>(body, "landArea");
  f.capacity = http::field<int64_t>(body, "capacity");
  for (std::size_t d = 0; d < kDays.size(); ++d) {
    for (const Json& range : body["hours"][std::string(kDays[d])]) {
      f.hours[d].push_back(*parse_time_range(range.get<std::string>()));
    }
  }
  f.services = body["services"].get<std::vector<std::string>>();
  const auto lat = http::field<double>(body, "lat");
  const auto lon = http::field<double>(body, "lon");
  if (lat) f.lat_e7 = static_cast<int32_t>(std::lround(*lat * 1e7));
  if (lon) f.lon_e7 = static_cast<int32_t>(std::lround(*lon * 1e7));
  f.status = body["status"].get<std::string>();
  f.opened_on = http::field<std::string>(body, "openedOn");
  f.closed_on = http::field<std::string>(body, "closedOn");
  return f;
}

Json facility_json(const org::OrgService& org, const Facility& facility) {
  Json out = to_json(facility);
  auto unit = org.unit(facility.fields.unit_code);
  out["unit"] =
      unit ? org::unit_ref_json(*unit)
           : Json{{"code", facility.fields.unit_code}, {"name", ""}, {"path", Json::array()}};
  return out;
}

Json standard_json(const StandardCheck& check, Locale locale) {
  return {{"key", check.key},
          {"label", check.label.in(locale)},
          {"result", check.result},
          {"value", check.value ? Json(*check.value) : Json(nullptr)},
          {"threshold", check.threshold},
          {"unit", check.unit},
          {"note", check.note.in(locale)}};
}

}  // namespace

void add_routes(http::Router& router, const FacilityService& service, const org::OrgService& org) {
  using namespace http::schema;
  router.add({
      .method = "GET",
      .pattern = "/api/v1/facilities/catalogue",
      .permission = std::string(kRegistryRead),
      .summary = "The kinds of facility and the services one may offer, with their labels",
      .tag = "facility",
      .handler = [](const Request& request) -> Result<Response> {
        Json types = Json::array();
        for (const FacilityType& t : facility_types()) {
          types.push_back({{"key", t.key},
                           {"label", t.label.in(request.locale)},
                           {"level", static_cast<int>(t.level)}});
        }
        Json services = Json::array();
        for (const ServiceKind& s : service_kinds()) {
          services.push_back({{"key", s.key}, {"label", s.label.in(request.locale)}});
        }
        return Response::json(200,
                              {{"types", std::move(types)}, {"services", std::move(services)}});
      },
      .execution = http::Execution::io,
      .contract = {.replies = {{.json = catalogue_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/facilities/import-template.xlsx",
      .permission = std::string(kRegistryWrite),
      .summary = "The Excel template that facility imports read",
      .tag = "facility",
      .handler = [](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(std::string workbook, template_workbook(request.locale));
        return Response::attachment(std::move(workbook), std::string(kXlsxMediaType),
                                    "facilities-template.xlsx", "服务设施导入模板.xlsx");
      },
      .contract = {.replies = {{.media_type = std::string(kXlsxMediaType),
                                .description =
                                    "the header row of the template (服务设施导入模板)"}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/facilities/import",
      .permission = std::string(kRegistryWrite),
      .summary = "Register every facility of a filled-in template (.xlsx or CSV), all or none",
      .tag = "facility",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto table, TableReader::open(request.body));
        SHEQU_ASSIGN_OR_RETURN(const std::size_t registered,
                               service.import(*request.actor, *table));
        return Response::json(200, {{"registered", registered}});
      },
      .contract = {.upload =
                       http::Upload{
                           .media_types = {std::string(kXlsxMediaType), "text/csv",
                                           // What browsers on Windows call a CSV file.
                                           "application/vnd.ms-excel", "application/octet-stream"},
                           .max_bytes = kMaxUploadBytes,
                           .description = "the template filled in (shequ facility template)"},
                   .replies = {{.json = object(
                                    {{"registered",
                                      integer(1, kMaxInt).describe("facilities registered")}})}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/facilities",
      .permission = std::string(kRegistryRead),
      .summary = "Facilities in scope, by unit subtree, kind, status and name",
      .tag = "facility",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        FacilityQuery query{http::field<std::string>(q, "unit"),
                            http::field<std::string>(q, "type").value_or(""),
                            http::field<std::string>(q, "status").value_or(""),
                            q["q"].get<std::string>(),
                            {q["page"].get<int64_t>(), q["pageSize"].get<int64_t>()}};
        SHEQU_ASSIGN_OR_RETURN(auto page, service.list(*request.actor, query));
        Json items = Json::array();
        for (const Facility& f : page.items) items.push_back(facility_json(org, f));
        return Response::json(200, {{"items", std::move(items)}, {"total", page.total}});
      },
      .contract = {.query =
                       [] {
                         auto query = paging();
                         query.push_back({"unit", unit_code().optional().describe(
                                                      "a subtree (default: the caller's scope)")});
                         query.push_back({"type", type_schema().optional()});
                         query.push_back({"status", status_schema().optional()});
                         query.push_back({"q", text(50).min_length(0).default_to("").describe(
                                                   "part of the name")});
                         return query;
                       }(),
                   .replies = {{.json = page_of(facility_schema())}}},
      .exports =
          http::ListExport{
              .title = {"服务设施", "Facilities"},
              .columns = {{.field = "unitCode",
                           .label = {"所属单位", "Unit"},
                           .format = http::ExportFormat::unit,
                           .width = 36},
                          {.field = "type",
                           .label = {"类型", "Kind"},
                           .width = 24,
                           .values =
                               [] {
                                 std::vector<std::pair<std::string, Text>> values;
                                 for (const FacilityType& t : facility_types())
                                   values.emplace_back(t.key, t.label);
                                 return values;
                               }()},
                          {.field = "name", .label = {"名称", "Name"}, .width = 28},
                          {.field = "floorArea", .label = {"总建筑面积（㎡）", "Floor area (m²)"}},
                          {.field = "activityArea",
                           .label = {"居民活动区域（㎡）", "Resident activity (m²)"}},
                          {.field = "officeArea", .label = {"办公区域（㎡）", "Office (m²)"}},
                          {.field = "serviceArea",
                           .label = {"商业和服务区域（㎡）", "Commercial and service (m²)"}},
                          {.field = "status",
                           .label = {"状态", "Status"},
                           .width = 10,
                           .values = {{"building", {"在建", "building"}},
                                      {"open", {"运营", "open"}},
                                      {"closed", {"停用", "closed"}}}},
                          {.field = "openedOn", .label = {"启用日期", "Opened"}, .width = 12},
                          {.field = "updatedAt",
                           .label = {"更新时间", "Updated"},
                           .format = http::ExportFormat::time,
                           .width = 20}}},
  });
  router.add({
      .method = "POST",
      .pattern = "/api/v1/facilities",
      .permission = std::string(kRegistryWrite),
      .summary = "Register a facility",
      .tag = "facility",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(Facility facility,
                               service.create(*request.actor, fields_of(request.body_json)));
        Response response = Response::json(201, facility_json(org, facility));
        response.headers.emplace_back("location",
                                      "/api/v1/facilities/" + std::to_string(facility.id));
        return response;
      },
      .contract = {.body = object(field_properties()),
                   .replies = {{.status = 201, .json = facility_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/facilities/{id}",
      .permission = std::string(kRegistryRead),
      .summary = "One facility with its standards checks",
      .tag = "facility",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(FacilityDetail detail, service.get(*request.actor, id_of(request)));
        Json standards = Json::array();
        for (const StandardCheck& c : detail.standards) {
          standards.push_back(standard_json(c, request.locale));
        }
        return Response::json(200, {{"facility", facility_json(org, detail.facility)},
                                    {"standards", std::move(standards)}});
      },
      .contract = {.path = id_path(), .replies = {{.json = detail_schema()}}},
  });
  router.add({
      .method = "PUT",
      .pattern = "/api/v1/facilities/{id}",
      .permission = std::string(kRegistryWrite),
      .summary = "Change a facility (every field; kept in its history)",
      .tag = "facility",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        SHEQU_ASSIGN_OR_RETURN(Facility facility,
                               service.update(*request.actor, id_of(request),
                                              body["version"].get<int64_t>(), fields_of(body)));
        return Response::json(200, facility_json(org, facility));
      },
      .contract = {.path = id_path(),
                   .body =
                       [] {
                         auto fields = field_properties();
                         fields.push_back(
                             {"version",
                              integer(1, kMaxInt).describe("the version the caller last saw")});
                         return object(std::move(fields));
                       }(),
                   .replies = {{.json = facility_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/facilities/{id}/history",
      .permission = std::string(kRegistryRead),
      .summary = "Every change of a facility, newest first: who, when, before and after",
      .tag = "facility",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto changes, service.history(*request.actor, id_of(request)));
        return Response::json(200, changes_json(changes));
      },
      .contract = {.path = id_path(), .replies = {{.json = page_of(change_schema())}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/facilities/figures",
      .permission = std::string(kRegistryRead),
      .summary = "The base figures of a village or community, every year it has, latest first",
      .tag = "facility",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(
            auto figures,
            service.figures(*request.actor, request.query_json["unit"].get<std::string>()));
        Json items = Json::array();
        for (const UnitFigures& f : figures) items.push_back(to_json(f));
        const auto total = static_cast<int64_t>(items.size());
        return Response::json(200, {{"items", std::move(items)}, {"total", total}});
      },
      .contract = {.query = {{"unit", unit_code()}},
                   .replies = {{.json = page_of(figures_schema())}}},
  });
  router.add({
      .method = "PUT",
      .pattern = "/api/v1/facilities/figures/{code}/{year}",
      .permission = std::string(kRegistryWrite),
      .summary = "Save a village's or community's base figures for a year",
      .tag = "facility",
      .handler = [&service](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        UnitFigures figures{org::code_of(request),
                            request.path_json["year"].get<int64_t>(),
                            body["households"].get<int64_t>(),
                            body["residents"].get<int64_t>(),
                            body["urbanResidents"].get<int64_t>(),
                            body["buildingArea"].get<double>(),
                            body["childcarePlaces"].get<int64_t>(),
                            body["childcareAffordable"].get<int64_t>(),
                            "",
                            0};
        SHEQU_ASSIGN_OR_RETURN(UnitFigures saved,
                               service.set_figures(*request.actor, std::move(figures),
                                                   body["version"].get<int64_t>()));
        return Response::json(200, to_json(saved));
      },
      .contract = {.path = figures_path(),
                   .body = object(
                       {{"households", integer(0, kMaxInt)},
                        {"residents", integer(0, kMaxInt)},
                        {"urbanResidents", integer(0, kMaxInt)},
                        {"buildingArea", number(0, 1e8).describe("社区总建筑面积, m²")},
                        {"childcarePlaces", integer(0, kMaxInt)},
                        {"childcareAffordable", integer(0, kMaxInt)},
                        {"version",
                         integer(0, kMaxInt).describe("the version last read; 0 for a new year")}}),
                   .replies = {{.json = figures_schema()}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/facilities/figures/{code}/{year}/history",
      .permission = std::string(kRegistryRead),
      .summary = "Every change of a year's base figures, newest first",
      .tag = "facility",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto changes,
                               service.figure_history(*request.actor, org::code_of(request),
                                                      request.path_json["year"].get<int64_t>()));
        return Response::json(200, changes_json(changes));
      },
      .contract = {.path = figures_path(), .replies = {{.json = page_of(change_schema())}}},
  });
}

}  // namespace shequ::facility
