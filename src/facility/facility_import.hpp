// Facilities from a table people fill in: the template's columns, and reading its rows into
// facility fields, every bad cell reported with its line and column.
//
// The template (an .xlsx the console offers, or the same columns as CSV) has one header row of
// the Chinese column names below, then one facility per row. Cells take what people write: the
// kind and the services by their Chinese names (or their keys), the status as 在建/运营/停用,
// opening hours per day as ranges separated by commas or spaces ("08:00-12:00 14:00-18:00"; empty
// for a closed day), dates as YYYY-MM-DD (or an Excel date), areas as plain numbers.
//
// Thread-safe: pure functions over the reader given.
#pragma once

#include <string_view>
#include <vector>

#include "common/table_import.hpp"
#include "common/table_reader.hpp"
#include "facility/facility.hpp"

namespace shequ::facility {

// The template's columns, in order.
const std::vector<TemplateColumn>& template_columns();

struct ImportedRow {
  int64_t line = 0;
  FacilityFields fields;
};

inline constexpr std::size_t kMaxImportRows = 100'000;
inline constexpr std::size_t kMaxReportedProblems = 1'000;

// The template as an .xlsx workbook: the header row in `locale`'s headings (either language is
// read back). unavailable when the workbook cannot be made.
Result<std::string> template_workbook(Locale locale);

// Reads every row of `table` after its header into facility fields, checked by check_fields.
// Every problem of every row comes back at once (up to kMaxReportedProblems; then one more
// saying how many there were), each with its line and its column's heading as the field; a
// header that is not the template's, a file without rows, or more than kMaxImportRows rows is
// refused as a whole. The unit of each row is not checked here (the service does it).
Result<std::vector<ImportedRow>> read_facilities(TableReader& table);

}  // namespace shequ::facility
