// Excel workbooks (.xlsx) for downloads: one sheet, written row by row. libxlsxwriter's
// constant-memory mode sends each finished row to a temporary file, so a long list is held in
// memory once (as the finished file), not twice.
//
// Not thread-safe: one writer per export. Rows must come in order, the header first.
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

// One cell: empty, text, a number, or a date and time.
using XlsxCell = std::variant<std::monostate, std::string, double, XlsxDateTime>;

class XlsxWriter {
 public:
  // A workbook of one sheet named `sheet` (at most 31 characters; Excel forbids []:*?/\), whose
  // first row is `header` in bold, frozen and with a filter, columns `widths` characters wide.
  // Its temporary files go to the system's temporary folder. unavailable when it cannot be made.
  static Result<std::unique_ptr<XlsxWriter>> create(std::string_view sheet,
                                                    const std::vector<std::string>& header,
                                                    const std::vector<double>& widths);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Appends a row below the last (at most as many cells as the header has columns). Text longer
  // than a cell holds (32,767 characters) is cut. too_large past Excel's 1,048,576 rows.
  Status add_row(const std::vector<XlsxCell>& cells);
  std::size_t rows() const { return rows_; }  // data rows so far, the header not counted

  // Closes the workbook and returns its bytes; the writer is spent after it.
  Result<std::string> finish();

 private:
  struct Book;
  explicit XlsxWriter(std::unique_ptr<Book> book);
  std::unique_ptr<Book> book_;
  std::size_t columns_ = 0;
  std::size_t rows_ = 0;
};

}  // namespace shequ
