// Reads back the first sheet of an .xlsx file, for tests of the Excel downloads: a zip archive
// (stored or deflated members, no ZIP64) whose xl/worksheets/sheet1.xml holds inline strings and
// numbers, as libxlsxwriter writes them in constant-memory mode. Not a general xlsx reader.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shequ::testing {

// The member `name` of a zip archive, inflated; nullopt when it is absent or damaged.
std::optional<std::string> zip_member(std::string_view archive, std::string_view name);

// The cells of sheet 1 as text, row by row (numbers as the XML writes them); missing cells are
// "". nullopt when the file is not such a workbook.
std::optional<std::vector<std::vector<std::string>>> read_first_sheet(std::string_view xlsx);

}  // namespace shequ::testing
