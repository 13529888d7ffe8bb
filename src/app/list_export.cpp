#include "app/list_export.hpp"

#include <chrono>

#include <fmt/format.h>

#include "audit/audit_log.hpp"
#include "common/clock.hpp"
#include "common/xlsx.hpp"
#include "http/contract.hpp"

namespace shequ::app {

namespace {

constexpr int64_t kPageSize = 500;
constexpr std::string_view kXlsx =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The value at "a.b" in an item; null when absent.
const Json* field_of(const Json& item, std::string_view path) {
  const Json* at = &item;
  while (!path.empty()) {
    const auto dot = path.find('.');
    const std::string key(path.substr(0, dot));
    if (!at->is_object() || !at->contains(key)) return nullptr;
    at = &(*at)[key];
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
  }
  return at;
}

struct CellContext {
  const org::OrgTree& tree;
  const kit::Registry& registry;
  Locale locale;
};

std::string scalar_text(const http::ExportColumn& column, const Json& value, Locale locale) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    for (const auto& [code, label] : column.values) {
      if (code == text) return label.in(locale);
    }
    return text;
  }
  if (value.is_boolean()) {
    return value.get<bool>() ? (locale == Locale::en ? "Yes" : "是")
                             : (locale == Locale::en ? "No" : "否");
  }
  if (value.is_null()) return {};
  return value.dump();
}

std::string unit_text(const org::OrgTree& tree, const std::string& code) {
  const auto unit = tree.find(code);
  if (!unit) return code;
  std::string text;
  for (const org::UnitRef& up : unit->path) text += up.name + " › ";
  return text + unit->unit.name;
}

XlsxCell cell(const http::ExportColumn& column, const Json* value, const CellContext& context) {
  if (value == nullptr || value->is_null()) return std::monostate{};
  switch (column.format) {
    case http::ExportFormat::time: {
      const auto at =
          value->is_string() ? parse_timestamp(value->get<std::string>()) : std::nullopt;
      if (!at) return scalar_text(column, *value, context.locale);
      // People here read China time (UTC+8, no daylight saving).
      const auto china = *at + std::chrono::hours(8);
      const auto day = std::chrono::floor<std::chrono::days>(china);
      const std::chrono::year_month_day date{day};
      const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::milliseconds>(china - day)};
      return XlsxDateTime{static_cast<int>(date.year()),
                          static_cast<int>(unsigned(date.month())),
                          static_cast<int>(unsigned(date.day())),
                          static_cast<int>(time.hours().count()),
                          static_cast<int>(time.minutes().count()),
                          static_cast<double>(time.seconds().count()) +
                              static_cast<double>(time.subseconds().count()) / 1000.0};
    }
    case http::ExportFormat::unit:
      if (value->is_string()) return unit_text(context.tree, value->get<std::string>());
      return scalar_text(column, *value, context.locale);
    case http::ExportFormat::action:
      for (const kit::AuditAction* action : context.registry.audit_actions()) {
        if (value->is_string() && action->action == value->get_ref<const std::string&>()) {
          return action->label.in(context.locale);
        }
      }
      return scalar_text(column, *value, context.locale);
    case http::ExportFormat::fen:
      if (value->is_number()) return XlsxDecimal{value->get<double>() / 100.0, 2};
      return scalar_text(column, *value, context.locale);
    case http::ExportFormat::text:
      break;
  }
  if (value->is_number()) return value->get<double>();
  if (value->is_array()) {
    std::string joined;
    for (const Json& element : *value) {
      const Json* shown = column.each.empty() ? &element : field_of(element, column.each);
      if (shown == nullptr) continue;
      if (!joined.empty()) joined += "、";
      joined += scalar_text(column, *shown, context.locale);
    }
    return joined;
  }
  return scalar_text(column, *value, context.locale);
}

bool takes_pages(const http::Route& route) {
  for (const http::Property& p : route.contract.query) {
    if (p.name == "page") return true;
  }
  return false;
}

std::vector<http::Property> filters_of(const http::Route& route) {
  std::vector<http::Property> filters;
  for (const http::Property& p : route.contract.query) {
    if (p.name != "page" && p.name != "pageSize") filters.push_back(p);
  }
  return filters;
}

// "users" for /api/v1/users, "children" for /api/v1/org/units/{code}/children: the download's
// file name for clients that cannot read the UTF-8 one.
std::string ascii_stem(std::string_view pattern) {
  return std::string(pattern.substr(pattern.rfind('/') + 1));
}

Error too_many_rows(int64_t max_rows) {
  return Error::too_large(
      {fmt::format("列表超过 {} 行，无法一次导出，请缩小查询条件（如日期范围、单位）后再导出",
                   max_rows),
       fmt::format("the list has more than {} rows; narrow the filters (dates, unit) and export "
                   "again",
                   max_rows)});
}

// What the audit entry names as the unit of the download: the unit in the path or in the
// filters, else the caller's own.
std::string unit_of(const http::Request& request) {
  for (const Json* source : {&request.path_json, &request.query_json}) {
    for (const char* key : {"code", "unit"}) {
      if (source->contains(key) && (*source)[key].is_string())
        return (*source)[key].get<std::string>();
    }
  }
  return request.actor->unit_code;
}

// The filters given, for the audit entry: names and values, except free text that may name a
// person.
std::string filters_text(const Json& query) {
  std::string text;
  for (const auto& [key, value] : query.items()) {
    if (key == "page" || key == "pageSize" || key == "q" || key == "username") continue;
    if (!text.empty()) text += ", ";
    text += key + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
  }
  return text;
}

}  // namespace

void add_list_exports(http::Router& router, Services& services, int64_t max_rows) {
  std::vector<http::Route> lists;
  for (const http::Route& route : router.routes()) {
    if (route.exports && route.method == "GET") lists.push_back(route);
  }
  for (http::Route& list : lists) {
    const http::ListExport spec = *list.exports;
    const bool paged = takes_pages(list);
    const std::string permission = list.permission;
    const std::string stem = ascii_stem(list.pattern);
    http::Handler read_page = list.handler;
    router.add(
        {.method = "GET",
         .pattern = list.pattern + ".xlsx",
         .permission = list.permission,
         .summary = fmt::format("{}, as an Excel workbook with the same filters (at most {} rows; "
                                "audited as audit.list.export)",
                                list.summary, max_rows),
         .tag = list.tag,
         .handler = [&services, spec, paged, permission, stem, max_rows,
                     read_page](const http::Request& request) -> Result<http::Response> {
           const Locale locale = request.locale;
           std::vector<std::string> header;
           std::vector<double> widths;
           for (const http::ExportColumn& column : spec.columns) {
             header.push_back(column.label.in(locale));
             widths.push_back(column.width);
           }
           const std::string title = spec.title.in(locale);
           SHEQU_ASSIGN_OR_RETURN(auto writer, XlsxWriter::create(title, header, widths));
           const CellContext context{services.org().tree(), services.registry(), locale};
           http::Request page = request;
           for (int64_t number = 1;; ++number) {
             if (paged) {
               page.query_json["page"] = number;
               page.query_json["pageSize"] = kPageSize;
             }
             SHEQU_ASSIGN_OR_RETURN(http::Response answer, read_page(page));
             if (answer.status != 200) return answer;
             const Json body = Json::parse(answer.body);
             const Json& items = body.at("items");
             const int64_t total = body.value("total", static_cast<int64_t>(items.size()));
             if (total > max_rows) return too_many_rows(max_rows);
             for (const Json& item : items) {
               if (static_cast<int64_t>(writer->rows()) >= max_rows) return too_many_rows(max_rows);
               std::vector<XlsxCell> cells;
               for (const http::ExportColumn& column : spec.columns) {
                 cells.push_back(cell(column, field_of(item, column.field), context));
               }
               SHEQU_TRY(writer->add_row(cells));
             }
             if (!paged || static_cast<int64_t>(items.size()) < kPageSize) break;
           }
           const auto rows = writer->rows();
           SHEQU_ASSIGN_OR_RETURN(std::string bytes, writer->finish());
           std::string detail = fmt::format("{} rows", rows);
           if (const std::string filters = filters_text(request.query_json); !filters.empty()) {
             detail += "; " + filters;
           }
           SHEQU_TRY(services.audit().record(
               services.database(), audit::who(*request.actor, permission),
               {"audit.list.export", "list", request.path, "success", detail, unit_of(request)}));
           return http::Response::attachment(std::move(bytes), std::string(kXlsx), stem + ".xlsx",
                                             title + ".xlsx");
         },
         .contract = {.path = list.contract.path,
                      .query = filters_of(list),
                      .replies = {{.media_type = std::string(kXlsx),
                                   .description = "the list as an Excel workbook"}}}});
  }
}

}  // namespace shequ::app
