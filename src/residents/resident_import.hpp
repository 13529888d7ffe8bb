// Household registers (户籍登记表) as communities keep them, read for an import: the template's
// columns, and the reading of its rows into new households and their members, every bad cell
// reported with its line and column.
//
// The template (an .xlsx the console offers, or the same columns as CSV, UTF-8 or GB18030) has
// one header row, then one person per row. Rows with the same 户编号 (any label the file uses)
// form one new household, whose cells (grid, address, type, point) stand on its first row and
// may be repeated, identical, on the others. Choices take their Chinese names or their keys; the
// groups (人群标签) are tag names separated by 、 or commas; a disability is its kind and grade
// in two columns; dates are YYYY-MM-DD or Excel dates.
//
// What the file alone tells is checked here: every cell (by the rules of a person registered by
// hand), one head per household, an ID number not given twice. What needs the database (the grid
// in the import's unit, an ID number registered already) is the service's.
//
// Not thread-safe: one reader per import.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/table_import.hpp"
#include "common/table_reader.hpp"
#include "residents/model.hpp"

namespace shequ::residents {

// At most this many people in one file: the largest community's register, several times over.
inline constexpr std::size_t kMaxImportPeople = 100'000;
inline constexpr std::size_t kMaxImportProblems = 1'000;
inline constexpr std::size_t kMaxHouseholdLabel = 30;

// The template's columns, in order.
const std::vector<TemplateColumn>& import_columns();

// The template as an .xlsx workbook, its header in `locale`'s headings.
Result<std::string> import_template(Locale locale);

struct ImportedPerson {
  int64_t line = 0;
  NewPerson person;   // household left 0: the import makes it
  std::string birth;  // YYYY-MM-DD, from the ID number ("" when it is not valid)
};

struct ImportedHousehold {
  int64_t line = 0;   // its first row
  std::string label;  // its 户编号 in the file
  NewHousehold household;
  std::vector<ImportedPerson> members;
};

struct RegisterRules {
  std::string today;               // YYYY-MM-DD, China
  bool may_set_sensitive = false;  // the submitter holds residents:person:sensitive there
};

// Reads the register row by row (the table streams; the households are kept, as all or none of
// them will be written). `on_row` is told the count of rows read so far, every thousand rows;
// returning false stops the reading (cancelled), and the result is then that error.
class RegisterReader {
 public:
  explicit RegisterReader(RegisterRules rules) : rules_(std::move(rules)) {}

  // Every household of `table`, in the file's order. Bad cells do not stop the reading: they go
  // to problems(), and the households are returned all the same, so that the caller adds what
  // the database tells before judging. The file is refused as a whole (an error) when its header
  // is not the template's, it holds nobody, it has more than kMaxImportPeople rows (too_large),
  // or the table cannot be read.
  Result<std::vector<ImportedHousehold>> read(TableReader& table,
                                              const std::function<bool(std::size_t)>& on_row);

  // The problems found (up to kMaxImportProblems kept, the rest counted).
  ProblemList& problems() { return problems_; }

 private:
  void read_row(TableRow row);

  RegisterRules rules_;
  ProblemList problems_{kMaxImportProblems};
  std::vector<ImportedHousehold> households_;
  std::unordered_map<std::string, std::size_t> by_label_;  // 户编号 -> households_ index
  std::unordered_map<std::string, int64_t> id_lines_;      // ID number -> its first line
};

}  // namespace shequ::residents
