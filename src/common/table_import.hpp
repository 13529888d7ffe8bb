// What every import of a filled-in template shares (facilities, residents): the template's
// columns and its workbook, the header check, the reading of cells as people write them, and the
// list of problems reported back (every bad cell, with its line and its column's heading).
//
// Thread-safe: pure functions; a ProblemList is owned by one import.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/result.hpp"

namespace shequ {

struct TemplateColumn {
  std::string_view key;  // the API's field ("floorArea"), or the day ("mon")
  Text heading;          // the header cell: zh in the template, en accepted too
  double width = 14;     // characters, for the template
};

// The template as an .xlsx workbook of one sheet: its header row in `locale`'s headings (either
// language is read back). unavailable when the workbook cannot be made.
Result<std::string> template_workbook(const Text& sheet, const std::vector<TemplateColumn>& columns,
                                      Locale locale);

// Whether `cells` (trimmed) are the template's header, in either language. The last
// `added_columns` columns may be missing: they were added to the template later, and a file
// filled in on the template before them is still read (their cells as empty). The error names
// every heading, on the header's line.
Status check_header(const std::vector<std::string>& cells,
                    const std::vector<TemplateColumn>& columns, int64_t line,
                    std::size_t added_columns = 0);

// Splits "a、b, c" on commas (ASCII and full-width), 、, semicolons and spaces.
std::vector<std::string> split_list(std::string_view text);

// YYYY-MM-DD, or an Excel day number (days since 1899-12-30) when the cell holds a date.
std::optional<std::string> parse_day(std::string_view text);

// The problems of an import, at most `limit` kept; the rest counted, and finish() adds one
// problem saying how many there were in all.
class ProblemList {
 public:
  explicit ProblemList(std::size_t limit = 1'000) : limit_(limit) {}

  void add(FieldError problem);
  void add(const TemplateColumn& column, int64_t line, Text reason) {
    add({std::string(column.heading.zh), std::move(reason), line});
  }
  bool empty() const { return count_ == 0; }
  std::size_t count() const { return count_; }
  // The kept problems, and the summary when some were left out. Call once.
  std::vector<FieldError> finish() &&;

 private:
  std::size_t limit_;
  std::size_t count_ = 0;
  std::vector<FieldError> kept_;
};

}  // namespace shequ
