#include "common/table_import.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "common/strings.hpp"
#include "common/xlsx.hpp"

namespace shequ {

Result<std::string> template_workbook(const Text& sheet, const std::vector<TemplateColumn>& columns,
                                      Locale locale) {
  std::vector<std::string> header;
  std::vector<double> widths;
  for (const TemplateColumn& c : columns) {
    header.push_back(c.heading.in(locale));
    widths.push_back(c.width);
  }
  SHEQU_ASSIGN_OR_RETURN(auto writer, XlsxWriter::create(sheet.in(locale), header, widths));
  return writer->finish();
}

Status check_header(const std::vector<std::string>& cells,
                    const std::vector<TemplateColumn>& columns, int64_t line,
                    std::size_t added_columns) {
  bool matches = cells.size() <= columns.size() && cells.size() + added_columns >= columns.size();
  for (std::size_t i = 0; matches && i < cells.size(); ++i) {
    matches = cells[i] == columns[i].heading.zh || cells[i] == columns[i].heading.en;
  }
  if (matches) return {};
  std::string headings;
  for (const TemplateColumn& c : columns) {
    if (!headings.empty()) headings += ",";
    headings += c.heading.zh;
  }
  return Error::invalid({FieldError{
      "file",
      {"表头应为模板的各列：" + headings, "the header must be the template's columns: " + headings},
      line}});
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) out.push_back(std::move(current));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    bool separator = false;
    for (std::string_view sep : {",", ";", " ", "，", "、", "；", "　"}) {
      if (text.substr(i, sep.size()) == sep) {
        flush();
        i += sep.size();
        separator = true;
        break;
      }
    }
    if (separator) continue;
    current.push_back(text[i]);
    ++i;
  }
  flush();
  return out;
}

std::optional<std::string> parse_day(std::string_view text) {
  using namespace std::chrono;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    const auto y = parse_decimal(text.substr(0, 4));
    const auto m = parse_decimal(text.substr(5, 2));
    const auto d = parse_decimal(text.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    const year_month_day day{year(static_cast<int>(*y)), month(static_cast<unsigned>(*m)),
                             std::chrono::day(static_cast<unsigned>(*d))};
    if (!day.ok()) return std::nullopt;
    return std::string(text);
  }
  const auto serial = parse_number(text);
  if (!serial || *serial < 1 || *serial > 2'958'465 || std::floor(*serial) != *serial) {
    return std::nullopt;
  }
  const year_month_day day{sys_days(1899y / December / 30) + days(static_cast<int>(*serial))};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                     static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

void ProblemList::add(FieldError problem) {
  ++count_;
  if (kept_.size() < limit_) kept_.push_back(std::move(problem));
}

std::vector<FieldError> ProblemList::finish() && {
  if (count_ > kept_.size()) {
    kept_.push_back(
        {"file",
         {fmt::format("共 {} 处问题，只列出前 {} 处", count_, kept_.size()),
          fmt::format("{} problems in all; the first {} are listed", count_, kept_.size())}});
  }
  return std::move(kept_);
}

}  // namespace shequ
