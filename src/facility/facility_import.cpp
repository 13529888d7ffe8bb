#include "facility/facility_import.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "common/strings.hpp"
#include "common/table_import.hpp"
#include "facility/catalogue.hpp"

namespace shequ::facility {

namespace {

const std::map<std::string_view, std::string_view> kStatusWords{
    {"在建", "building"},     {"运营", "open"}, {"停用", "closed"},
    {"building", "building"}, {"open", "open"}, {"closed", "closed"}};

template <class Catalogue>
const auto* find_by_label_or_key(Catalogue all, std::string_view text) {
  const auto it = std::find_if(all.begin(), all.end(), [&](const auto& entry) {
    return entry.key == text || entry.label.zh == text || entry.label.en == text;
  });
  return it == all.end() ? nullptr : &*it;
}

class RowReader {
 public:
  RowReader(int64_t line, std::vector<FieldError>& problems) : line_(line), problems_(problems) {}

  void problem(const TemplateColumn& column, Text reason) {
    problems_.push_back({std::string(column.heading.zh), std::move(reason), line_});
  }

  std::optional<double> number(const TemplateColumn& column, std::string_view cell, bool required) {
    if (cell.empty()) {
      if (required) problem(column, {"不能为空", "must not be empty"});
      return std::nullopt;
    }
    auto value = parse_number(cell);
    if (!value) problem(column, {"应为数字", "must be a number"});
    return value;
  }

  std::optional<std::string> day(const TemplateColumn& column, std::string_view cell) {
    if (cell.empty()) return std::nullopt;
    auto value = parse_day(cell);
    if (!value) problem(column, {"应为“2021-06-01”这样的日期", "must be a date like 2021-06-01"});
    return value;
  }

 private:
  int64_t line_;
  std::vector<FieldError>& problems_;
};

}  // namespace

const std::vector<TemplateColumn>& template_columns() {
  static const std::vector<TemplateColumn> columns{
      {"unitCode", {"单位代码", "Unit code"}, 16},
      {"type", {"设施类型", "Kind"}, 26},
      {"name", {"名称", "Name"}, 28},
      {"floorArea", {"总建筑面积", "Floor area"}},
      {"activityArea", {"居民活动区域面积", "Resident-activity area"}},
      {"officeArea", {"办公区域面积", "Office area"}},
      {"serviceArea", {"商业和服务区域面积", "Commercial and service area"}},
      {"landArea", {"占地面积", "Land area"}},
      {"mon", {"周一", "Monday"}, 24},
      {"tue", {"周二", "Tuesday"}, 24},
      {"wed", {"周三", "Wednesday"}, 24},
      {"thu", {"周四", "Thursday"}, 24},
      {"fri", {"周五", "Friday"}, 24},
      {"sat", {"周六", "Saturday"}, 24},
      {"sun", {"周日", "Sunday"}, 24},
      {"services", {"服务项目", "Services"}, 30},
      {"lat", {"纬度", "Latitude"}, 12},
      {"lon", {"经度", "Longitude"}, 12},
      {"status", {"状态", "Status"}, 10},
      {"openedOn", {"启用日期", "Opened on"}, 12},
      {"closedOn", {"停用日期", "Closed on"}, 12},
      {"capacity", {"可容纳人数", "Capacity"}, 12},
  };
  return columns;
}

Result<std::string> template_workbook(Locale locale) {
  return shequ::template_workbook({"服务设施", "Facilities"}, template_columns(), locale);
}

Result<std::vector<ImportedRow>> read_facilities(TableReader& table) {
  const auto& columns = template_columns();
  std::vector<ImportedRow> rows;
  ProblemList problems(kMaxReportedProblems);
  bool header_seen = false;
  for (;;) {
    SHEQU_ASSIGN_OR_RETURN(auto row, table.next());
    if (!row) break;
    std::vector<std::string>& cells = row->cells;
    for (std::string& cell : cells) cell = std::string(trim(cell));
    if (!header_seen) {
      header_seen = true;
      // 可容纳人数 came last, after templates had been filled in.
      SHEQU_TRY(check_header(cells, columns, row->line, 1));
      continue;
    }
    if (rows.size() >= kMaxImportRows) {
      return Error::too_large({fmt::format("一次最多导入 {} 条", kMaxImportRows),
                               fmt::format("at most {} rows at a time", kMaxImportRows)});
    }
    cells.resize(std::max(cells.size(), columns.size()));
    std::vector<FieldError> row_problems;
    if (cells.size() > columns.size()) {
      row_problems.push_back({"file",
                              {fmt::format("多出 {} 列", cells.size() - columns.size()),
                               fmt::format("{} columns too many", cells.size() - columns.size())},
                              row->line});
    }
    RowReader read(row->line, row_problems);
    auto cell = [&](std::size_t i) -> std::string_view { return cells[i]; };
    FacilityFields f;
    f.unit_code = std::string(cell(0));
    if (const FacilityType* type = find_by_label_or_key(facility_types(), cell(1))) {
      f.type = std::string(type->key);
    } else {
      read.problem(columns[1], {"没有这种设施类型", "no such kind of facility"});
    }
    f.name = std::string(cell(2));
    // A cell that cannot be read takes a value no rule refuses (the reading problem says it),
    // so that the rules still judge the row's other cells.
    f.floor_area = read.number(columns[3], cell(3), true).value_or(kMaxArea);
    f.activity_area = read.number(columns[4], cell(4), true).value_or(0);
    f.office_area = read.number(columns[5], cell(5), true).value_or(0);
    f.service_area = read.number(columns[6], cell(6), true).value_or(0);
    f.land_area = read.number(columns[7], cell(7), false);
    for (std::size_t d = 0; d < kDays.size(); ++d) {
      for (const std::string& text : split_list(cell(8 + d))) {
        if (auto range = parse_time_range(text)) {
          f.hours[d].push_back(*range);
        } else {
          read.problem(columns[8 + d],
                       {fmt::format("“{}”应为“08:00-12:00”这样的时段", text),
                        fmt::format("\"{}\" must be a range like 08:00-12:00", text)});
        }
      }
    }
    for (const std::string& text : split_list(cell(15))) {
      if (const ServiceKind* service = find_by_label_or_key(service_kinds(), text)) {
        f.services.emplace_back(service->key);
      } else {
        read.problem(columns[15], {fmt::format("没有“{}”这项服务", text),
                                   fmt::format("no service \"{}\"", text)});
      }
    }
    const auto lat = read.number(columns[16], cell(16), false);
    const auto lon = read.number(columns[17], cell(17), false);
    if (lat) f.lat_e7 = static_cast<int32_t>(std::lround(std::clamp(*lat, -90.0, 90.0) * 1e7));
    if (lon) f.lon_e7 = static_cast<int32_t>(std::lround(std::clamp(*lon, -180.0, 180.0) * 1e7));
    if (const auto status = kStatusWords.find(cell(18)); status != kStatusWords.end()) {
      f.status = std::string(status->second);
    } else {
      read.problem(columns[18], {"应为在建、运营或停用", "must be 在建, 运营 or 停用"});
    }
    f.opened_on = read.day(columns[19], cell(19));
    f.closed_on = read.day(columns[20], cell(20));
    if (const auto capacity = read.number(columns[21], cell(21), false)) {
      if (*capacity == std::floor(*capacity) && std::abs(*capacity) <= kMaxCapacity) {
        f.capacity = static_cast<int64_t>(*capacity);
      } else {
        read.problem(columns[21], {"应为整数人数", "must be a whole number of people"});
      }
    }
    // The rules of every facility, named by the template's headings, on every row: a rule on a
    // cell that could not be read is left out, the reading problem says it already.
    std::vector<std::string> unreadable;
    for (const FieldError& e : row_problems) unreadable.push_back(e.field);
    for (FieldError& e : check_fields(f)) {
      const std::string api_field = e.field.substr(0, e.field.find_first_of(".["));
      const std::string day = e.field.starts_with("hours.") ? e.field.substr(6) : "";
      const auto column = std::find_if(columns.begin(), columns.end(), [&](const auto& c) {
        return c.key == api_field || (!day.empty() && c.key == day);
      });
      e.field = column == columns.end() ? std::string("file") : std::string(column->heading.zh);
      if (std::find(unreadable.begin(), unreadable.end(), e.field) != unreadable.end()) continue;
      e.line = row->line;
      row_problems.push_back(std::move(e));
    }
    for (FieldError& e : row_problems) problems.add(std::move(e));
    rows.push_back({row->line, std::move(f)});
  }
  if (!header_seen || (rows.empty() && problems.empty())) {
    return Error::invalid("file", {"文件中没有设施", "the file holds no facilities"});
  }
  if (!problems.empty()) return Error::invalid(std::move(problems).finish());
  return rows;
}

}  // namespace shequ::facility
