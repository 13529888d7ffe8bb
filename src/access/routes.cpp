#include "access/routes.hpp"

#include <sstream>

#include <fmt/format.h>

#include "access/export.hpp"
#include "http/error_mapping.hpp"
#include "http/query.hpp"

namespace shequ::access {

namespace {

using http::error_body;
using http::Execution;
using http::QueryParameter;
using http::QueryReader;
using http::Request;
using http::Response;

const std::vector<QueryParameter> kUnitAndTier{
    {"unit", "string", "code of the unit (required)"},
    {"tier", "integer", "minutes on foot: 5, 10 or 15 (default 15)"},
};

constexpr std::size_t kMaxCandidates = 10'000;

struct UnitAndTier {
  std::string unit;
  int tier = 15;
};

// unit (required) and tier; both problems reported together. A tier other than 5/10/15 is left
// to the service, which says so in the same words for every caller.
UnitAndTier read_unit_and_tier(QueryReader& query) {
  UnitAndTier out;
  out.unit = query.required_text("unit", 15).value_or("");
  out.tier = static_cast<int>(query.integer("tier", 15, 1, 60));
  return out;
}

double degrees(int32_t e7) {
  return e7 * 1e-7;
}

Json row_json(const CoverageRow& row) {
  Json reached = Json::object();
  const auto types = service_types();
  for (std::size_t t = 0; t < types.size(); ++t)
    reached[std::string(types[t].key)] = row.reached[t];
  return {{"code", row.unit.code},
          {"name", row.unit.name},
          {"level", static_cast<int>(row.unit.level)},
          {"residences", row.residences},
          {"reached", std::move(reached)},
          {"reachedAllBasic", row.reached_all_basic}};
}

Json coverage_json(const CoverageReport& report, Locale locale) {
  Json types = Json::array();
  const auto all = service_types();
  for (std::size_t t = 0; t < all.size(); ++t) {
    types.push_back({{"key", all[t].key},
                     {"name", all[t].name.in(locale)},
                     {"basic", all[t].basic},
                     {"facilities", report.facilities[t]}});
  }
  Json rows = Json::array();
  for (const auto& row : report.rows) rows.push_back(row_json(row));
  return {{"unit",
           {{"code", report.unit.code},
            {"name", report.unit.name},
            {"level", static_cast<int>(report.unit.level)}}},
          {"tierMinutes", report.tier_minutes},
          {"limitMeters", report.limit_mm / 1000.0},
          {"types", std::move(types)},
          {"total", row_json(report.total)},
          {"rows", std::move(rows)}};
}

Json map_json(const MapLayer& layer) {
  Json residences = Json::array();
  for (const auto& r : layer.residences) {
    residences.push_back({degrees(r.lat_e7), degrees(r.lon_e7), r.basic_reached});
  }
  Json facilities = Json::array();
  for (const Facility& f : layer.facilities) {
    facilities.push_back({{"type", service_types()[f.type].key},
                          {"lat", degrees(f.lat_e7)},
                          {"lon", degrees(f.lon_e7)},
                          {"name", f.name},
                          {"onNetwork", f.node != kNotSnapped}});
  }
  Json bounds = nullptr;
  if (layer.bounds) {
    const auto& b = *layer.bounds;
    bounds = {{degrees(b[0]), degrees(b[1])}, {degrees(b[2]), degrees(b[3])}};
  }
  return {{"bounds", std::move(bounds)},
          {"basicTypes", basic_service_types().size()},
          {"residences", std::move(residences)},
          {"truncated", layer.truncated},
          {"facilities", std::move(facilities)}};
}

Json job_json(const SitingJob& job, Locale locale) {
  Json result = nullptr;
  if (job.result) {
    Json sites = Json::array();
    for (const auto& s : job.result->sites) {
      sites.push_back(
          {{"lat", degrees(s.lat_e7)}, {"lon", degrees(s.lon_e7)}, {"gained", s.gained}});
    }
    result = {{"uncoveredBefore", job.result->uncovered_before},
              {"uncoveredAfter", job.result->uncovered_after},
              {"candidates", job.result->candidates},
              {"sites", std::move(sites)}};
  }
  return {{"id", job.id},
          {"state", jobs::state_name(job.state)},
          {"progress", job.progress},
          {"unit", job.request.unit_code},
          {"type", job.request.type},
          {"k", job.request.k},
          {"tierMinutes", job.request.tier_minutes},
          {"result", std::move(result)},
          {"error", job.error ? error_body(*job.error, locale, job.id) : Json(nullptr)}};
}

Result<SitingRequest> read_siting_body(const Request& request) {
  SHEQU_ASSIGN_OR_RETURN(Json body, parse_json_object(request.body));
  JsonObjectReader reader(body);
  SitingRequest siting;
  siting.unit_code = reader.required_text("unit", 15).value_or("");
  siting.type = reader.required_text("type", 40).value_or("");
  // Ranges are the service's to check, together with the type and the candidates.
  siting.k = reader.required_int("k", INT32_MIN, INT32_MAX).value_or(1);
  siting.tier_minutes =
      static_cast<int>(reader.optional_int("tierMinutes", INT32_MIN, INT32_MAX).value_or(15));
  reader.optional_array("candidates", kMaxCandidates, [&](JsonObjectReader& item) {
    const auto lat = item.required_number("lat");
    const auto lon = item.required_number("lon");
    if (lat && lon) siting.candidates.push_back({*lat, *lon});
  });
  SHEQU_TRY(reader.finish());
  return siting;
}

}  // namespace

void add_routes(http::Router& router, CircleService& service) {
  router.add({.method = "GET",
              .pattern = "/api/v1/access/coverage",
              .permission = std::string(kCoverageRead),
              .summary = "Share of homes under a unit reaching each service type on foot, per "
                         "child unit (一刻钟便民生活圈)",
              .tag = "access",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
                const UnitAndTier in = read_unit_and_tier(query);
                SHEQU_TRY(query.finish());
                SHEQU_ASSIGN_OR_RETURN(auto report,
                                       service.coverage(*request.actor, in.unit, in.tier));
                return Response::json(200, coverage_json(report, request.locale));
              },
              .query = kUnitAndTier});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/access/coverage.csv",
       .permission = std::string(kCoverageRead),
       .summary = "The coverage table as CSV",
       .tag = "access",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
         const UnitAndTier in = read_unit_and_tier(query);
         SHEQU_TRY(query.finish());
         SHEQU_ASSIGN_OR_RETURN(auto report,
                                service.export_coverage(*request.actor, in.unit, in.tier));
         Response response =
             Response::text(200, coverage_csv(report, request.locale), "text/csv; charset=utf-8");
         response.headers.emplace_back("content-disposition",
                                       fmt::format("attachment; filename=\"coverage-{}-{}min.csv\"",
                                                   report.unit.code, report.tier_minutes));
         return response;
       },
       .query = kUnitAndTier});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/access/residences.geojson",
       .permission = std::string(kCoverageRead),
       .summary = "Homes with their walking distance to each service type, and the "
                  "facilities around them, as GeoJSON",
       .tag = "access",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
         const UnitAndTier in = read_unit_and_tier(query);
         SHEQU_TRY(query.finish());
         SHEQU_ASSIGN_OR_RETURN(auto data,
                                service.export_residences(*request.actor, in.unit, in.tier));
         std::ostringstream out;
         write_geojson(data, out);
         Response response = Response::text(200, out.str(), "application/geo+json");
         response.headers.emplace_back(
             "content-disposition",
             fmt::format("attachment; filename=\"residences-{}-{}min.geojson\"", in.unit, in.tier));
         return response;
       },
       .query = kUnitAndTier});
  router.add({.method = "GET",
              .pattern = "/api/v1/access/map",
              .permission = std::string(kCoverageRead),
              .summary = "Map layers of a unit: homes with the number of basic types in reach, "
                         "facilities around them",
              .tag = "access",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
                const UnitAndTier in = read_unit_and_tier(query);
                SHEQU_TRY(query.finish());
                SHEQU_ASSIGN_OR_RETURN(auto layer, service.map(*request.actor, in.unit, in.tier));
                return Response::json(200, map_json(layer));
              },
              .query = kUnitAndTier});
  router.add({.method = "GET",
              .pattern = "/api/v1/access/gaps",
              .permission = std::string(kCoverageRead),
              .summary = "Homes a service type does not reach, grouped into clusters",
              .tag = "access",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
                const UnitAndTier in = read_unit_and_tier(query);
                const std::string type = query.required_text("type", 40).value_or("");
                SHEQU_TRY(query.finish());
                SHEQU_ASSIGN_OR_RETURN(auto report,
                                       service.gaps(*request.actor, in.unit, in.tier, type));
                Json clusters = Json::array();
                for (const auto& c : report.clusters) {
                  clusters.push_back({{"lat", degrees(c.lat_e7)},
                                      {"lon", degrees(c.lon_e7)},
                                      {"residences", c.residences},
                                      {"radiusMeters", c.radius_mm / 1000.0}});
                }
                return Response::json(200, {{"type", type},
                                            {"tierMinutes", report.tier_minutes},
                                            {"uncovered", report.uncovered},
                                            {"clusters", std::move(clusters)}});
              },
              .query =
                  [] {
                    auto params = kUnitAndTier;
                    params.push_back({"type", "string", "service type key (required)"});
                    return params;
                  }()});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/access/sitings",
       .permission = std::string(kSitingRun),
       .summary =
           "Start a siting run: {unit, type, k, tierMinutes?, candidates?: [{lat, lon}]} → 202 "
           "with the job; poll GET /api/v1/access/sitings/{id}",
       .tag = "access",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(auto siting, read_siting_body(request));
         SHEQU_ASSIGN_OR_RETURN(auto job, service.start_siting(*request.actor, std::move(siting)));
         Response response = Response::json(202, job_json(job, request.locale));
         response.headers.emplace_back("location", "/api/v1/access/sitings/" + job.id);
         return response;
       },
       .json_body = true,
       .success_status = 202});
  router.add({.method = "GET",
              .pattern = "/api/v1/access/sitings",
              .permission = std::string(kSitingRun),
              .summary = "The siting runs kept for a unit and the units below it, "
                         "newest first",
              .tag = "access",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
                const std::string unit = query.required_text("unit", 15).value_or("");
                SHEQU_TRY(query.finish());
                SHEQU_ASSIGN_OR_RETURN(auto jobs, service.sitings(*request.actor, unit));
                Json items = Json::array();
                for (const auto& job : jobs) items.push_back(job_json(job, request.locale));
                const auto total = static_cast<int64_t>(items.size());
                return Response::json(200, {{"items", std::move(items)}, {"total", total}});
              },
              .query = {{"unit", "string", "code of the unit (required)"}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/access/sitings/{id}",
              .permission = std::string(kSitingRun),
              .summary = "A siting run: state, progress and, when done, the sites",
              .tag = "access",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(QueryReader query, QueryReader::parse(request.query));
                SHEQU_TRY(query.finish());
                SHEQU_ASSIGN_OR_RETURN(auto job,
                                       service.siting(*request.actor, request.param("id")));
                return Response::json(200, job_json(job, request.locale));
              }});
}

}  // namespace shequ::access
