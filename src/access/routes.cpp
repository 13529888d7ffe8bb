#include "access/routes.hpp"

#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "access/export.hpp"
#include "http/contract.hpp"
#include "http/error_mapping.hpp"
#include "org/unit_json.hpp"

namespace shequ::access {

namespace {

using http::error_body;
using http::Execution;
using http::Request;
using http::Response;

constexpr std::size_t kMaxCandidates = 10'000;

double degrees(int32_t e7) {
  return e7 / 1e7;
}

// A place named by its street ("Boulevard des Moulins 附近"), or null when no named street is
// near: what people recognise, where coordinates mean nothing to them.
Json place_json(const std::string& street, Locale locale) {
  if (street.empty()) return nullptr;
  return locale == Locale::en ? fmt::format("near {}", street) : fmt::format("{} 附近", street);
}

Json place_near(const CircleService& service, int32_t lat_e7, int32_t lon_e7, Locale locale) {
  return place_json(service.street_near(lat_e7, lon_e7), locale);
}

Json row_json(const CoverageRow& row) {
  Json reached = Json::object();
  Json people_reached = Json::object();
  const auto types = service_types();
  for (std::size_t t = 0; t < types.size(); ++t) {
    reached[std::string(types[t].key)] = row.reached[t];
    people_reached[std::string(types[t].key)] = row.people_reached[t];
  }
  return {{"code", row.unit.code},
          {"name", row.unit.name},
          {"level", static_cast<int>(row.unit.level)},
          {"residences", row.residences},
          {"reached", std::move(reached)},
          {"reachedAllBasic", row.reached_all_basic},
          {"households", row.households},
          {"people", row.people},
          {"peopleReached", std::move(people_reached)},
          {"peopleReachedAllBasic", row.people_reached_all_basic}};
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
          {"demo", report.demo},
          {"tierMinutes", report.tier_minutes},
          {"limitMeters", report.limit_mm / 1000.0},
          {"types", std::move(types)},
          {"total", row_json(report.total)},
          {"rows", std::move(rows)}};
}

Json map_json(const MapLayer& layer, const CircleService& service, Locale locale) {
  Json residences = Json::array();
  for (const auto& r : layer.residences) {
    residences.push_back({degrees(r.lat_e7), degrees(r.lon_e7), r.basic_reached, r.people});
  }
  Json facilities = Json::array();
  for (const Facility& f : layer.facilities) {
    facilities.push_back({{"type", service_types()[f.type].key},
                          {"lat", degrees(f.lat_e7)},
                          {"lon", degrees(f.lon_e7)},
                          {"name", f.name},
                          {"place", place_near(service, f.lat_e7, f.lon_e7, locale)},
                          {"onNetwork", f.node != kNotSnapped}});
  }
  Json bounds = nullptr;
  if (layer.bounds) {
    const auto& b = *layer.bounds;
    bounds = {{degrees(b[0]), degrees(b[1])}, {degrees(b[2]), degrees(b[3])}};
  }
  return {{"demo", layer.demo},
          {"bounds", std::move(bounds)},
          {"basicTypes", basic_service_types().size()},
          {"residences", std::move(residences)},
          {"truncated", layer.truncated},
          {"facilities", std::move(facilities)}};
}

// The most homes not (wholly) placed that a shelter report names with their place.
constexpr std::size_t kMaxLeftOutListed = 200;

Json metres_or_null(uint32_t mm) {
  return mm == kUnreached ? Json(nullptr) : Json(mm / 1000.0);
}

Json shelters_json(const ShelterReport& report, const CircleService& service, Locale locale) {
  Json shelters = Json::array();
  for (const ShelterView& s : report.shelters) {
    shelters.push_back({{"id", s.id},
                        {"name", s.name},
                        {"unitCode", s.unit_code},
                        {"lat", degrees(s.lat_e7)},
                        {"lon", degrees(s.lon_e7)},
                        {"capacity", s.capacity ? Json(*s.capacity) : Json(nullptr)},
                        {"onNetwork", s.on_network},
                        {"placed", s.placed},
                        {"placedHere", s.placed_here}});
  }
  Json homes = Json::array();
  Json left_out = Json::array();
  bool left_out_truncated = false;
  for (const ShelterHomeView& h : report.home_list) {
    homes.push_back({degrees(h.lat_e7), degrees(h.lon_e7), h.people, metres_or_null(h.nearest_mm),
                     h.shelter == kNoShelter ? Json(nullptr) : Json(h.shelter),
                     h.shelter == kNoShelter ? Json(nullptr) : Json(h.walk_mm / 1000.0), h.placed});
    if (h.placed == h.people) continue;
    if (left_out.size() == kMaxLeftOutListed) {
      left_out_truncated = true;
      continue;
    }
    left_out.push_back({{"lat", degrees(h.lat_e7)},
                        {"lon", degrees(h.lon_e7)},
                        {"people", h.people},
                        {"placed", h.placed},
                        {"nearestMeters", metres_or_null(h.nearest_mm)},
                        {"place", place_near(service, h.lat_e7, h.lon_e7, locale)}});
  }
  return {{"unit", org::unit_ref_json(report.unit)},
          {"demo", report.demo},
          {"limitMeters", report.limit_mm / 1000.0},
          {"shelters", std::move(shelters)},
          {"total",
           {{"homes", report.homes},
            {"people", report.people},
            {"placedPeople", report.placed_people},
            {"placedHomes", report.placed_homes},
            {"splitHomes", report.split_homes},
            {"beyondHomes", report.beyond_homes},
            {"beyondPeople", report.beyond_people},
            {"fullHomes", report.full_homes},
            {"fullPeople", report.full_people},
            {"meanWalkMeters", report.placed_people == 0
                                   ? Json(nullptr)
                                   : Json(std::round(static_cast<double>(report.person_walk_mm) /
                                                     static_cast<double>(report.placed_people)) /
                                          1000.0)}}},
          {"homes", std::move(homes)},
          {"truncated", report.truncated},
          {"leftOut", std::move(left_out)},
          {"leftOutTruncated", left_out_truncated || report.truncated}};
}

Json job_json(const SitingJob& job, const CircleService& service, Locale locale) {
  Json result = nullptr;
  if (job.result) {
    Json sites = Json::array();
    for (const auto& s : job.result->sites) {
      sites.push_back({{"lat", degrees(s.lat_e7)},
                       {"lon", degrees(s.lon_e7)},
                       {"place", place_near(service, s.lat_e7, s.lon_e7, locale)},
                       {"gained", s.gained}});
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

// The shapes of the answers ------------------------------------------------------------------

http::Schema count() {
  return http::schema::integer(0, http::schema::kMaxInt);
}

const http::Schema& tier() {
  static const http::Schema tier = http::schema::component(
      "Tier", http::schema::integer_enum(std::vector<int64_t>(std::begin(kTiers), std::end(kTiers)))
                  .describe("a walking time in minutes: the 5-, 10- and 15-minute circles"));
  return tier;
}

const http::Schema& service_type_key() {
  static const http::Schema key = [] {
    std::vector<std::string> keys;
    for (const ServiceType& type : service_types()) keys.emplace_back(type.key);
    return http::schema::component(
        "ServiceTypeKey",
        http::schema::enum_of(std::move(keys)).describe("a type of service facility"));
  }();
  return key;
}

http::Schema latitude() {
  return http::schema::number(-90, 90);
}

http::Schema longitude() {
  return http::schema::number(-180, 180);
}

http::Schema lat_lon() {
  return http::schema::tuple({latitude(), longitude()});
}

http::Schema place() {
  return http::schema::string().nullable().describe(
      "the place named by its nearest named street, in the language asked for; null when no "
      "named street is within 300 m");
}

http::Schema demo() {
  return http::schema::boolean().describe(
      "drawn from a walking network imported as demonstration data (shequ access import-osm "
      "--demo): say so wherever it is shown");
}

const http::Schema& coverage_row_schema() {
  using namespace http::schema;
  static const http::Schema row = component(
      "CoverageRow",
      object({{"code", unit_code()},
              {"name", string()},
              {"level", integer(1, 6)},
              {"residences", count()},
              {"reached", map_of(count()).describe("homes within the tier of each type, by key")},
              {"reachedAllBasic", count().describe("homes within the tier of every basic type")},
              {"households", count().describe("of the homes, the located households of the "
                                              "residents register (the others are buildings of "
                                              "the map)")},
              {"people", count().describe("living in those households; 0 when none is located")},
              {"peopleReached",
               map_of(count()).describe("of those people, within the tier of each type, by key")},
              {"peopleReachedAllBasic",
               count().describe("of those people, within the tier of every basic type")}}));
  return row;
}

const http::Schema& coverage_schema() {
  using namespace http::schema;
  static const http::Schema coverage = component(
      "Coverage",
      object(
          {{"unit", object({{"code", unit_code()}, {"name", string()}, {"level", integer(1, 6)}})},
           {"demo", demo()},
           {"tierMinutes", tier()},
           {"limitMeters", number(0, 1e9).describe("the distance walked in the tier")},
           {"types",
            array(component("ServiceType",
                            object({{"key", service_type_key()},
                                    {"name", string().describe("in the language asked for")},
                                    {"basic", boolean().describe("one every home should reach")},
                                    {"facilities", count().describe("of this type around the "
                                                                    "unit")}})))},
           {"total", coverage_row_schema()},
           {"rows", array(coverage_row_schema())
                        .describe("the child units with homes; the unit itself for a village "
                                  "or community")}}));
  return coverage;
}

const http::Schema& map_schema() {
  using namespace http::schema;
  static const http::Schema map = component(
      "AccessMap",
      object({{"demo", demo()},
              {"bounds", tuple({lat_lon(), lat_lon()})
                             .nullable()
                             .describe("[[south, west], [north, east]]; null without homes")},
              {"basicTypes", count().describe("how many basic types there are")},
              {"residences",
               array(tuple({latitude(), longitude(), count(), count()}))
                   .describe("[lat, lon, number of basic types within the tier, people] of each "
                             "home; people is a located household's members, 0 for a building "
                             "of the map")},
              {"truncated", boolean().describe("more homes than the map carries")},
              {"facilities", array(object({{"type", service_type_key()},
                                           {"lat", latitude()},
                                           {"lon", longitude()},
                                           {"name", string().describe("\"\" when unnamed")},
                                           {"place", place()},
                                           {"onNetwork", boolean()}}))}}));
  return map;
}

const http::Schema& shelters_schema() {
  using namespace http::schema;
  static const http::Schema shelters = component(
      "ShelterAssignment",
      object(
          {{"unit", org::unit_ref_schema()},
           {"demo", demo()},
           {"limitMeters", number(0, 1e9).describe("fifteen minutes' walk")},
           {"shelters",
            array(object({{"id", integer(1, kMaxInt).describe("the facility's")},
                          {"name", string()},
                          {"unitCode", string()},
                          {"lat", latitude()},
                          {"lon", longitude()},
                          {"capacity",
                           count().nullable().describe("people; null: not entered, takes nobody")},
                          {"onNetwork", boolean()},
                          {"placed", count().describe("people placed there from every unit")},
                          {"placedHere", count().describe("of them, from this unit's homes")}}))
                .describe("registered under the unit, or nearest to or taking its homes")},
           {"total",
            object({{"homes", count()},
                    {"people", count()},
                    {"placedPeople", count()},
                    {"placedHomes", count().describe("all of whose people are placed")},
                    {"splitHomes", count().describe("whose people go to two shelters or more")},
                    {"beyondHomes", count().describe("no shelter within the walk")},
                    {"beyondPeople", count()},
                    {"fullHomes", count().describe("the shelters within the walk are full")},
                    {"fullPeople", count().describe("of theirs not placed")},
                    {"meanWalkMeters", number(0, 1e9).nullable().describe("per person placed")}})},
           {"homes",
            array(tuple({latitude(), longitude(), count(), number(0, 1e9).nullable(),
                         count().nullable(), number(0, 1e9).nullable(), count()}))
                .describe("[lat, lon, people, metres to the nearest shelter (null: none within "
                          "the walk), index into shelters of the one taking most of them (null: "
                          "none), their walk in metres, people placed] of each home")},
           {"truncated", boolean().describe("more homes than the map carries")},
           {"leftOut", array(object({{"lat", latitude()},
                                     {"lon", longitude()},
                                     {"people", count()},
                                     {"placed", count()},
                                     {"nearestMeters", number(0, 1e9).nullable()},
                                     {"place", place()}}))
                           .describe("homes not wholly placed: no shelter within the walk, or "
                                     "those within it are full")},
           {"leftOutTruncated", boolean()}}));
  return shelters;
}

const http::Schema& gaps_schema() {
  using namespace http::schema;
  static const http::Schema gaps = component(
      "Gaps",
      object({{"type", service_type_key()},
              {"tierMinutes", tier()},
              {"uncovered", count().describe("homes the type does not reach")},
              {"clusters", array(object({{"lat", latitude()},
                                         {"lon", longitude()},
                                         {"place", place()},
                                         {"residences", count()},
                                         {"people", count().describe("living in the located "
                                                                     "households among them")},
                                         {"radiusMeters", number(0, 1e9)}}))}}));
  return gaps;
}

const http::Schema& siting_schema() {
  using namespace http::schema;
  static const http::Schema siting = [] {
    std::vector<std::string> states;
    for (auto state = jobs::JobState::queued; state <= jobs::JobState::cancelled;
         state = static_cast<jobs::JobState>(static_cast<int>(state) + 1)) {
      states.emplace_back(jobs::state_name(state));
    }
    const http::Schema result = component(
        "SitingResult",
        object({{"uncoveredBefore", count()},
                {"uncoveredAfter", count()},
                {"candidates", count().describe("the places considered")},
                {"sites", array(object({{"lat", latitude()},
                                        {"lon", longitude()},
                                        {"place", place()},
                                        {"gained", count().describe("homes newly in reach")}}))}}));
    return component("SitingJob",
                     object({{"id", string().describe("the run's job id, in decimal")},
                             {"state", enum_of(std::move(states))},
                             {"progress", number(0, 1)},
                             {"unit", unit_code()},
                             {"type", service_type_key()},
                             {"k", integer(1, kMaxSites)},
                             {"tierMinutes", tier()},
                             {"result", result.nullable().describe("when done")},
                             {"error", error().nullable().describe("why it failed")}}));
  }();
  return siting;
}

const http::Schema& nearby_schema() {
  using namespace http::schema;
  static const http::Schema nearby = component(
      "NearbyServices",
      object(
          {{"community", org::unit_ref_schema()},
           {"tierMinutes", tier()},
           {"demo", demo()},
           {"located",
            boolean().describe("whether the walking network knows the community's homes; "
                               "without them there is nothing to walk from and types is empty")},
           {"types",
            array(
                object({{"type", service_type_key()},
                        {"label", string().describe("in the language asked for")},
                        {"basic", boolean().describe("one every home should reach")},
                        {"facilities",
                         array(object({{"name", string().describe("\"\" when unnamed")},
                                       {"minutes", integer(0, 60).describe(
                                                       "walking from the community's nearest home, "
                                                       "rounded up")},
                                       {"distanceMetres", integer(0, kMaxInt)},
                                       {"place", place()}}))
                             .describe("the nearest within the walk, nearest first")}}))
                .describe("every service type, in the catalogue's order")}}));
  return nearby;
}

Json nearby_json(const NearbyServices& nearby, uint32_t speed_metres_per_hour, Locale locale) {
  Json types = Json::array();
  const auto all = service_types();
  for (std::size_t t = 0; t < all.size() && nearby.located; ++t) {
    Json facilities = Json::array();
    for (const NearbyFacility& n : nearby.by_type[t]) {
      const uint64_t metres_per_minute = std::max<uint32_t>(speed_metres_per_hour / 60, 1);
      const uint64_t metres = (n.walk_mm + 500) / 1000;
      facilities.push_back({{"name", n.facility->name},
                            {"minutes", (metres + metres_per_minute - 1) / metres_per_minute},
                            {"distanceMetres", metres},
                            {"place", place_json(n.street, locale)}});
    }
    types.push_back({{"type", all[t].key},
                     {"label", all[t].name.in(locale)},
                     {"basic", all[t].basic},
                     {"facilities", std::move(facilities)}});
  }
  return {{"community", org::unit_ref_json(nearby.community)},
          {"tierMinutes", nearby.tier_minutes},
          {"demo", nearby.demo},
          {"located", nearby.located},
          {"types", std::move(types)}};
}

// What the routes take ------------------------------------------------------------------------

std::vector<http::Property> unit_and_tier() {
  using namespace http::schema;
  return {{"unit", unit_code()}, {"tier", tier().default_to(15)}};
}

struct UnitAndTier {
  std::string unit;
  int tier = 15;
};

UnitAndTier unit_and_tier_of(const Request& request) {
  return {request.query_json["unit"].get<std::string>(), request.query_json["tier"].get<int>()};
}

http::Schema siting_body() {
  using namespace http::schema;
  return object(
      {{"unit", unit_code()},
       {"type", service_type_key()},
       {"k", integer(1, kMaxSites).describe("how many sites to propose")},
       {"tierMinutes", tier().default_to(15)},
       {"candidates",
        array(object({{"lat", latitude()}, {"lon", longitude()}}))
            .max_items(kMaxCandidates)
            .optional()
            .describe("where sites may go; default: any network node near the unit's homes")}});
}

SitingRequest siting_request(const Json& body) {
  SitingRequest siting{.unit_code = body["unit"].get<std::string>(),
                       .type = body["type"].get<std::string>(),
                       .k = body["k"].get<int64_t>(),
                       .tier_minutes = body["tierMinutes"].get<int>()};
  if (body.contains("candidates")) {
    for (const Json& c : body["candidates"]) {
      siting.candidates.push_back({c["lat"].get<double>(), c["lon"].get<double>()});
    }
  }
  return siting;
}

}  // namespace

void add_routes(http::Router& router, CircleService& service) {
  using namespace http::schema;
  router.add({.method = "GET",
              .pattern = "/api/v1/access/coverage",
              .permission = std::string(kCoverageRead),
              .summary = "Share of homes under a unit reaching each service type on foot, per "
                         "child unit (一刻钟便民生活圈)",
              .tag = "access",
              .handler = [&service](const Request& request) -> Result<Response> {
                const UnitAndTier in = unit_and_tier_of(request);
                SHEQU_ASSIGN_OR_RETURN(auto report,
                                       service.coverage(*request.actor, in.unit, in.tier));
                return Response::json(200, coverage_json(report, request.locale));
              },
              .contract = {.query = unit_and_tier(), .replies = {{.json = coverage_schema()}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/access/coverage.csv",
       .permission = std::string(kCoverageRead),
       .summary = "The coverage table as CSV",
       .tag = "access",
       .handler = [&service](const Request& request) -> Result<Response> {
         const UnitAndTier in = unit_and_tier_of(request);
         SHEQU_ASSIGN_OR_RETURN(auto report,
                                service.export_coverage(*request.actor, in.unit, in.tier));
         Response response =
             Response::text(200, coverage_csv(report, request.locale), "text/csv; charset=utf-8");
         response.headers.emplace_back("content-disposition",
                                       fmt::format("attachment; filename=\"coverage-{}-{}min.csv\"",
                                                   report.unit.code, report.tier_minutes));
         return response;
       },
       .contract = {.query = unit_and_tier(),
                    .replies = {{.media_type = "text/csv", .description = "the table, UTF-8"}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/access/residences.geojson",
       .permission = std::string(kCoverageRead),
       .summary = "Homes with their walking distance to each service type, and the "
                  "facilities around them, as GeoJSON",
       .tag = "access",
       .handler = [&service](const Request& request) -> Result<Response> {
         const UnitAndTier in = unit_and_tier_of(request);
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
       .contract = {.query = unit_and_tier(),
                    .replies = {{.media_type = "application/geo+json",
                                 .description = "a FeatureCollection of homes and facilities"}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/access/map",
              .permission = std::string(kCoverageRead),
              .summary = "Map layers of a unit: homes with the number of basic types in reach, "
                         "facilities around them",
              .tag = "access",
              .handler = [&service](const Request& request) -> Result<Response> {
                const UnitAndTier in = unit_and_tier_of(request);
                SHEQU_ASSIGN_OR_RETURN(auto layer, service.map(*request.actor, in.unit, in.tier));
                return Response::json(200, map_json(layer, service, request.locale));
              },
              .contract = {.query = unit_and_tier(), .replies = {{.json = map_schema()}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/access/shelters",
              .permission = std::string(kCoverageRead),
              .summary = "Where the homes under a unit go in an emergency: emergency shelters "
                         "filled to their capacity over fifteen minutes' walk (应急避难场所)",
              .tag = "access",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    auto report, service.shelters(*request.actor,
                                                  request.query_json["unit"].get<std::string>()));
                return Response::json(200, shelters_json(report, service, request.locale));
              },
              .contract = {.query = {{"unit", http::schema::unit_code()}},
                           .replies = {{.json = shelters_schema()}}}});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/access/gaps",
       .permission = std::string(kCoverageRead),
       .summary = "Homes a service type does not reach, grouped into clusters",
       .tag = "access",
       .handler = [&service](const Request& request) -> Result<Response> {
         const UnitAndTier in = unit_and_tier_of(request);
         const std::string type = request.query_json["type"].get<std::string>();
         SHEQU_ASSIGN_OR_RETURN(auto report, service.gaps(*request.actor, in.unit, in.tier, type));
         Json clusters = Json::array();
         for (const auto& c : report.clusters) {
           clusters.push_back({{"lat", degrees(c.lat_e7)},
                               {"lon", degrees(c.lon_e7)},
                               {"place", place_near(service, c.lat_e7, c.lon_e7, request.locale)},
                               {"residences", c.residences},
                               {"people", c.people},
                               {"radiusMeters", c.radius_mm / 1000.0}});
         }
         return Response::json(200, {{"type", type},
                                     {"tierMinutes", report.tier_minutes},
                                     {"uncovered", report.uncovered},
                                     {"clusters", std::move(clusters)}});
       },
       .contract = {.query =
                        [] {
                          auto query = unit_and_tier();
                          query.push_back({"type", service_type_key()});
                          return query;
                        }(),
                    .replies = {{.json = gaps_schema()}}}});
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/access/sitings",
       .permission = std::string(kSitingRun),
       .summary = "Start a siting run; poll GET /api/v1/access/sitings/{id}",
       .tag = "access",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(
             auto job, service.start_siting(*request.actor, siting_request(request.body_json)));
         Response response = Response::json(202, job_json(job, service, request.locale));
         response.headers.emplace_back("location", "/api/v1/access/sitings/" + job.id);
         return response;
       },
       .contract = {.body = siting_body(), .replies = {{.status = 202, .json = siting_schema()}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/access/sitings",
              .permission = std::string(kSitingRun),
              .summary = "The siting runs kept for a unit and the units below it, "
                         "newest first",
              .tag = "access",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    auto jobs,
                    service.sitings(*request.actor, request.query_json["unit"].get<std::string>()));
                Json items = Json::array();
                for (const auto& job : jobs)
                  items.push_back(job_json(job, service, request.locale));
                const auto total = static_cast<int64_t>(items.size());
                return Response::json(200, {{"items", std::move(items)}, {"total", total}});
              },
              .contract = {.query = {{"unit", unit_code()}},
                           .replies = {{.json = page_of(siting_schema())}}}});
  // What the resident pages show under 我的社区: no permission needed beyond being signed in, as
  // it is what any map of the place shows; the account's own community only.
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/me/nearby",
       .permission = std::string(http::kAuthenticated),
       .summary = "The facilities of each service type within a walk of the caller's own "
                  "village or community, nearest first",
       .tag = "access",
       .handler = [&service](const Request& request) -> Result<Response> {
         SHEQU_ASSIGN_OR_RETURN(
             auto nearby, service.nearby(*request.actor, request.query_json["tier"].get<int>(), 3));
         return Response::json(
             200, nearby_json(nearby, service.options().speed_metres_per_hour, request.locale));
       },
       .contract = {.query = {{"tier", tier().default_to(15)}},
                    .replies = {{.json = nearby_schema()}}}});
  router.add({.method = "GET",
              .pattern = "/api/v1/access/sitings/{id}",
              .permission = std::string(kSitingRun),
              .summary = "A siting run: state, progress and, when done, the sites",
              .tag = "access",
              .handler = [&service](const Request& request) -> Result<Response> {
                SHEQU_ASSIGN_OR_RETURN(
                    auto job,
                    service.siting(*request.actor,
                                   std::to_string(request.path_json["id"].get<int64_t>())));
                return Response::json(200, job_json(job, service, request.locale));
              },
              .contract = {.path = {{"id", integer(1, kMaxInt).describe("the run's id")}},
                           .replies = {{.json = siting_schema()}}}});
}

}  // namespace shequ::access
