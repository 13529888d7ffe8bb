#include "indicator/routes.hpp"

#include <algorithm>

#include "common/strings.hpp"
#include "indicator/catalogue.hpp"
#include "indicator/period.hpp"
#include "org/unit_json.hpp"

namespace shequ::indicator {

namespace {

using http::Request;
using http::Response;

// "1,4,7" → {"1", "4", "7"}; "" → {""}.
std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> items;
  for (std::size_t from = 0;;) {
    const std::size_t at = text.find(separator, from);
    items.push_back(text.substr(from, at == std::string_view::npos ? at : at - from));
    if (at == std::string_view::npos) return items;
    from = at + 1;
  }
}

// ---- shapes ----------------------------------------------------------------------------------

Status check_indicator_id(std::string_view value, const std::string& field) {
  if (find_indicator(value)) return {};
  return Error::invalid(field, {"没有这个指标", "no such indicator"});
}

Status check_period(std::string_view value, const std::string& field) {
  if (parse_period(value)) return {};
  return Error::invalid(field, {"应为年（2025）、季度（2025Q1）或月份（202511）",
                                "must be a year (2025), quarter (2025Q1) or month (202511)"});
}

// A comma-separated list of at most 200 items, none empty.
Status check_list(std::string_view value, const std::string& field) {
  const auto items = split(value, ',');
  if (items.size() <= 200 &&
      std::none_of(items.begin(), items.end(), [](std::string_view i) { return i.empty(); })) {
    return {};
  }
  return Error::invalid(field, {"应为以逗号分隔的列表（最多 200 项）",
                                "must be a comma-separated list of at most 200 items"});
}

http::Schema indicator_id() {
  static const http::Format format{"indicator-id", "an indicator's row in the plan: 1..30, 19.1",
                                   "4", check_indicator_id};
  return http::schema::formatted(format).max_length(4);
}

http::Schema period() {
  static const http::Format format{"period", "a year (2025), quarter (2025Q1) or month (202511)",
                                   "2025", check_period};
  return http::schema::formatted(format).max_length(6);
}

http::Schema list(std::string description, Json example) {
  static const http::Format format{"list", "a comma-separated list", "4,7", check_list};
  return http::schema::formatted(format)
      .max_length(4000)
      .describe(std::move(description))
      .example(std::move(example));
}

std::string_view comparator_key(Comparator c) {
  switch (c) {
    case Comparator::at_least:
      return ">=";
    case Comparator::at_most:
      return "<=";
    case Comparator::equal:
      return "=";
  }
  return "";
}

std::string_view attribute_key(Attribute a) {
  switch (a) {
    case Attribute::expected:
      return "expected";
    case Attribute::binding:
      return "binding";
    case Attribute::not_stated:
      return "not_stated";
  }
  return "";
}

const http::Schema& indicator_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("Indicator",
                object({{"id", string().describe("the plan's row: 1..30 (19.1, 19.2, 29.1, 29.2); "
                                                 "R1..R3: the rates of requests")},
                        {"name", string()},
                        {"measure", string()},
                        {"unit", string()},
                        {"baseline2020", number().nullable()},
                        {"target", number()},
                        {"comparator", enum_of({">=", "<=", "="})},
                        {"attribute", enum_of({"expected", "binding", "not_stated"})},
                        {"source", enum_of({"computed", "entered", "circle", "requests"})},
                        {"entryLevel", integer(1, 5).nullable()},
                        {"entryPeriod", enum_of({"year", "month"}).nullable()},
                        {"enteredDenominator", boolean()}}));
  return schema;
}

Json indicator_json(const Indicator& i, Locale locale) {
  const bool entered = i.source == Source::entered;
  return {{"id", i.id},
          {"name", i.name.in(locale)},
          {"measure", i.measure.key},
          {"unit", i.measure.unit.in(locale)},
          {"baseline2020", i.baseline_2020 ? Json(*i.baseline_2020) : Json(nullptr)},
          {"target", i.target},
          {"comparator", comparator_key(i.comparator)},
          {"attribute", attribute_key(i.attribute)},
          {"source", i.from_circle     ? "circle"
                     : i.from_requests ? "requests"
                     : entered         ? "entered"
                                       : "computed"},
          {"entryLevel", entered ? Json(static_cast<int>(i.entry_level)) : Json(nullptr)},
          {"entryPeriod",
           entered ? Json(i.entry_period == Period::month ? "month" : "year") : Json(nullptr)},
          {"enteredDenominator", entered && !i.denominator && !i.no_denominator}};
}

const http::Schema& row_schema() {
  using namespace http::schema;
  static const http::Schema schema = component(
      "AnalyticsRow",
      object({{"indicator", string()},
              {"unit", string()},
              {"period", string()},
              {"value", number().nullable().describe("in the indicator's measure; null: no data")},
              {"numerator", number().nullable()},
              {"denominator", number().nullable()},
              {"target", number()},
              {"status", enum_of({"met", "on_track", "at_risk", "no_data"})},
              {"progress", number().nullable().describe("share of the target reached, 0-100")},
              {"rank", integer().nullable().describe("among the parent's children, best first")},
              {"ranked", integer().describe("children of the parent with data")},
              {"source", enum_of({"computed", "entered", "records"})
                             .describe("records: counted, wholly or partly, from a module's "
                                       "records (the roster, home visits) rather than entered")}}));
  return schema;
}

Json row_json(const AnalyticsRow& row) {
  const Figure& f = row.figure;
  return {{"indicator", row.indicator->id},
          {"unit", row.unit},
          {"period", row.period},
          {"value", f.has_data ? Json(f.value) : Json(nullptr)},
          {"numerator", f.has_data ? Json(f.numerator) : Json(nullptr)},
          {"denominator", f.has_data && f.denominator ? Json(*f.denominator) : Json(nullptr)},
          {"target", row.indicator->target},
          {"status", row.status},
          {"progress", row.progress ? Json(*row.progress) : Json(nullptr)},
          {"rank", row.rank ? Json(*row.rank) : Json(nullptr)},
          {"ranked", row.ranked},
          {"source", row.from_records                           ? "records"
                     : row.indicator->source == Source::entered ? "entered"
                                                                : "computed"}};
}

const http::Schema& value_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("IndicatorValue", object({{"indicator", string()},
                                          {"unitCode", string()},
                                          {"period", string()},
                                          {"numerator", integer()},
                                          {"denominator", integer().nullable()},
                                          {"state", enum_of({"entered", "approved"})},
                                          {"enteredAt", string()},
                                          {"enteredBy", string()},
                                          {"approvedAt", string().nullable()},
                                          {"approvedBy", string().nullable()},
                                          {"version", integer(1, kMaxInt)}}));
  return schema;
}

const http::Schema& value_change_schema() {
  using namespace http::schema;
  static const http::Schema schema =
      component("IndicatorValueChange",
                object({{"id", integer(1, kMaxInt)},
                        {"action", enum_of({"enter", "approve", "unapprove"})},
                        {"changedAt", string()},
                        {"userId", integer(1, kMaxInt).nullable()},
                        {"username", string()},
                        {"before", any().nullable().describe("null for the first entry")},
                        {"after", any()}}));
  return schema;
}

std::vector<http::Property> value_path() {
  auto path = org::code_path("the unit the value is entered for");
  path.insert(path.begin(), {"id", indicator_id()});
  path.push_back({"period", period()});
  return path;
}

ValueKey key_of(const Request& request) {
  return {request.path_json["id"].get<std::string>(), org::code_of(request),
          request.path_json["period"].get<std::string>()};
}

std::vector<std::string> items_of(const Json& query, const char* name) {
  const std::string text = query[name].get<std::string>();
  std::vector<std::string> out;
  for (std::string_view item : split(text, ',')) out.emplace_back(item);
  return out;
}

http::Schema version_body(std::string what) {
  using namespace http::schema;
  return object({{"version", integer(1, kMaxInt).describe(std::move(what))}});
}

}  // namespace

void add_routes(http::Router& router, const IndicatorService& service, const org::OrgService& org) {
  using namespace http::schema;
  router.add({
      .method = "GET",
      .pattern = "/api/v1/indicators",
      .permission = std::string(kValueRead),
      .summary = "The plan's indicators: formula, unit, 2020 baseline, 2025 target",
      .tag = "indicator",
      .handler = [](const Request& request) -> Result<Response> {
        Json items = Json::array();
        for (const Indicator& i : indicators()) items.push_back(indicator_json(i, request.locale));
        const auto total = static_cast<int64_t>(items.size());
        return Response::json(200, {{"items", std::move(items)}, {"total", total}});
      },
      .execution = http::Execution::io,
      .contract = {.replies = {{.json = page_of(indicator_schema())}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/analytics",
      .permission = std::string(kValueRead),
      .summary = "Indicator values for units and periods (DHIS2's analytics)",
      .tag = "indicator",
      .handler = [&service, &org](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        const AnalyticsQuery query{items_of(q, "indicators"), items_of(q, "units"),
                                   items_of(q, "periods")};
        SHEQU_ASSIGN_OR_RETURN(AnalyticsResult result, service.analytics(*request.actor, query));
        Json rows = Json::array();
        for (const AnalyticsRow& row : result.rows) rows.push_back(row_json(row));
        Json indicators = Json::object();
        for (const Indicator* i : result.indicators) {
          indicators[std::string(i->id)] = indicator_json(*i, request.locale);
        }
        Json units = Json::object();
        for (const org::UnitRef& u : result.units) {
          const auto current = org.unit(u.code);
          units[u.code] = current
                              ? org::unit_ref_json(*current)
                              : Json{{"code", u.code}, {"name", u.name}, {"path", Json::array()}};
        }
        return Response::json(
            200,
            {{"rows", std::move(rows)},
             {"metaData", {{"indicators", std::move(indicators)}, {"units", std::move(units)}}}});
      },
      .contract = {.query = {{"indicators", list("indicator ids: 1,4,19", "1,4")},
                             {"units", list("unit codes, LEVEL-n (the units of level n under "
                                            "them) and CHILDREN (their children)",
                                            "620000000000")},
                             {"periods", list("years (2025), quarters (2025Q1), months (202511)",
                                              "2020,2025")}},
                   .replies = {{.json = object(
                                    {{"rows", array(row_schema())},
                                     {"metaData",
                                      object({{"indicators", map_of(indicator_schema())},
                                              {"units", map_of(org::unit_ref_schema())}})}})}}},
  });
  router.add({
      .method = "GET",
      .pattern = "/api/v1/indicators/{id}/entries",
      .permission = std::string(kValueRead),
      .summary = "The units under a unit that enter an indicator, with their values for a period",
      .tag = "indicator",
      .handler = [&service](const Request& request) -> Result<Response> {
        const Json& q = request.query_json;
        SHEQU_ASSIGN_OR_RETURN(
            auto rows,
            service.entries(*request.actor, request.path_json["id"].get<std::string>(),
                            q["unit"].get<std::string>(), q["period"].get<std::string>()));
        Json items = Json::array();
        for (const EntryRow& row : rows) {
          items.push_back({{"unit", {{"code", row.unit.code}, {"name", row.unit.name}}},
                           {"value", row.value ? to_json(*row.value) : Json(nullptr)},
                           {"denominatorFact",
                            row.denominator_fact ? Json(*row.denominator_fact) : Json(nullptr)},
                           {"counted", row.counted ? Json{{"numerator", row.counted->numerator},
                                                          {"denominator", row.counted->denominator}}
                                                   : Json(nullptr)}});
        }
        const auto total = static_cast<int64_t>(items.size());
        return Response::json(200, {{"items", std::move(items)}, {"total", total}});
      },
      .contract =
          {.path = {{"id", indicator_id()}},
           .query = {{"unit", unit_code()}, {"period", period()}},
           .replies =
               {{.json = page_of(component(
                     "IndicatorEntry",
                     object({{"unit", object({{"code", string()}, {"name", string()}})},
                             {"value", value_schema().nullable()},
                             {"denominatorFact", number().nullable().describe(
                                                     "what the system counts as the denominator")},
                             {"counted", object(
                                             {{"numerator", integer()}, {"denominator", integer()}})
                                             .nullable()
                                             .describe("what a module counts from its records "
                                                       "in the unit for the period: the figure "
                                                       "shown in place of the entered value "
                                                       "(denominator 0 when the indicator "
                                                       "divides by a fact)")}})))}}},
  });
  router.add({
      .method = "PUT",
      .pattern = "/api/v1/indicators/{id}/values/{code}/{period}",
      .permission = std::string(kValueEnter),
      .summary = "Enter (or correct, until approved) a value for a unit and period",
      .tag = "indicator",
      .handler = [&service](const Request& request) -> Result<Response> {
        const Json& body = request.body_json;
        const ValueKey key = key_of(request);
        SHEQU_ASSIGN_OR_RETURN(
            EnteredValue value,
            service.enter(
                *request.actor,
                {key.indicator, key.unit_code, key.period, http::field<int64_t>(body, "numerator"),
                 http::field<int64_t>(body, "denominator"), body["version"].get<int64_t>()}));
        return Response::json(200, to_json(value));
      },
      .contract = {.path = value_path(),
                   .body = object(
                       {{"numerator", integer(0, kMaxInt)},
                        {"denominator", integer(0, kMaxInt).nullable().default_to(nullptr)},
                        {"version", integer(0, kMaxInt)
                                        .describe("the version last read; 0 for a first entry")}}),
                   .replies = {{.json = value_schema()}}},
  });
  for (const bool approve : {true, false}) {
    router.add({
        .method = "POST",
        .pattern = approve ? "/api/v1/indicators/{id}/values/{code}/{period}/approve"
                           : "/api/v1/indicators/{id}/values/{code}/{period}/unapprove",
        .permission = std::string(kValueApprove),
        .summary = approve ? "Approve a value from the level above: it is locked"
                           : "Unapprove a value: it can be corrected again",
        .tag = "indicator",
        .handler = [&service, approve](const Request& request) -> Result<Response> {
          const int64_t version = request.body_json["version"].get<int64_t>();
          SHEQU_ASSIGN_OR_RETURN(EnteredValue value,
                                 approve
                                     ? service.approve(*request.actor, key_of(request), version)
                                     : service.unapprove(*request.actor, key_of(request), version));
          return Response::json(200, to_json(value));
        },
        .contract = {.path = value_path(),
                     .body = version_body("the version last read"),
                     .replies = {{.json = value_schema()}}},
    });
  }
  router.add({
      .method = "GET",
      .pattern = "/api/v1/indicators/{id}/values/{code}/{period}/history",
      .permission = std::string(kValueRead),
      .summary = "Every entry, approval and unapproval of a value, newest first",
      .tag = "indicator",
      .handler = [&service](const Request& request) -> Result<Response> {
        SHEQU_ASSIGN_OR_RETURN(auto changes, service.history(*request.actor, key_of(request)));
        Json items = Json::array();
        for (const ValueChange& c : changes) items.push_back(to_json(c));
        const auto total = static_cast<int64_t>(items.size());
        return Response::json(200, {{"items", std::move(items)}, {"total", total}});
      },
      .contract = {.path = value_path(), .replies = {{.json = page_of(value_change_schema())}}},
  });
}

}  // namespace shequ::indicator
