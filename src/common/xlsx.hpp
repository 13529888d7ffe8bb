// Excel workbooks (.xlsx) for downloads: sheets written one after the other, row by row.
// libxlsxwriter's constant-memory mode sends each finished row to a temporary file, so a long
// list is held in memory once (as the finished file), not twice.
//
// Not thread-safe: one writer per export. Rows must come in order, the header first; a sheet
// cannot be written to once the next is added.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.hpp"

namespace shequ {

// A moment shown as a date and time (the caller picks the time zone: China time for people here).
struct XlsxDateTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0;
  double second = 0;
};

// A number shown with a fixed number of decimals (0 to 6); the cell keeps the full value.
struct XlsxDecimal {
  double value = 0;
  int decimals = 1;
};

// One cell: empty, text, a number, a date and time, or a number with its decimals.
using XlsxCell = std::variant<std::monostate, std::string, double, XlsxDateTime, XlsxDecimal>;

// A sheet: its name (at most 31 characters; Excel forbids []:*?/\ and names used twice), lines
// of text above the table (a title in large bold, then plain lines), the table's header in bold,
// frozen and with a filter, and the columns' widths in characters.
struct XlsxSheet {
  std::string name;
  std::vector<std::string> preamble;
  std::vector<std::string> header;
  std::vector<double> widths;
};

class XlsxWriter {
 public:
  // A workbook of one sheet named `sheet` (at most 31 characters; Excel forbids []:*?/\), whose
  // first row is `header` in bold, frozen and with a filter, columns `widths` characters wide.
  // Its temporary files go to the system's temporary folder. unavailable when it cannot be made.
  static Result<std::unique_ptr<XlsxWriter>> create(std::string_view sheet,
                                                    const std::vector<std::string>& header,
                                                    const std::vector<double>& widths);
  // A workbook whose first sheet is `sheet`.
  static Result<std::unique_ptr<XlsxWriter>> create(const XlsxSheet& sheet);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Ends the current sheet and starts `sheet` after it; rows go to it from now on.
  Status add_sheet(const XlsxSheet& sheet);

  // Appends a row below the last of the current sheet (at most as many cells as its header has
  // columns). Text longer than a cell holds (32,767 characters) is cut. too_large past Excel's
  // 1,048,576 rows.
  Status add_row(const std::vector<XlsxCell>& cells);
  // Data rows of the current sheet so far, its preamble and header not counted.
  std::size_t rows() const { return rows_; }

  // Closes the workbook and returns its bytes; the writer is spent after it.
  Result<std::string> finish();

 private:
  struct Book;
  explicit XlsxWriter(std::unique_ptr<Book> book);
  std::unique_ptr<Book> book_;
  std::size_t columns_ = 0;
  std::size_t first_row_ = 0;  // the header's row in the current sheet
  std::size_t rows_ = 0;
};

}  // namespace shequ
