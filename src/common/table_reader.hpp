// Reading a table that a person uploads for an import: a CSV file or the first sheet of an Excel
// workbook (.xlsx), told apart by content, never by file name.
//
// CSV: RFC 4180 (quoted fields may hold commas, quotes and line breaks), UTF-8 with or without a
// byte-order mark; a file that is not UTF-8 is read as GB18030, which is what Excel on a Chinese
// Windows saves as "CSV". Excel: the workbook's first sheet, its text from the shared strings or
// inline, numbers as the file spells them ("30.5"), booleans as "1"/"0", dates as Excel's day
// numbers (templates format date and time columns as text). A merged cell, anywhere in the
// sheet, is an error: it would put one value under several columns or rows.
//
// Rows come one at a time: the workbook's sheet is inflated and parsed a chunk at a time, so a
// file of 100,000 rows is never held as rows. Rows whose cells are all empty are skipped. The
// reader owns the bytes it was given.
//
// Errors are invalid_argument with one detail on the field "file" and, when it stands on a row,
// that row's line (CSV: the line the record starts on; Excel: the row number). An error can come
// after rows (a merged cell is recorded after the last row): an import must not keep anything
// before next() has returned the end.
//
// Not thread-safe: one reader per import.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace shequ {

struct TableRow {
  int64_t line = 0;  // 1-based: the CSV line the record starts on, or the sheet's row number
  std::vector<std::string> cells;  // UTF-8, as many as the row's last non-empty cell
};

struct TableLimits {
  std::size_t max_columns = 256;
  std::size_t max_cell_bytes = 32'767 * 3;  // Excel's 32,767 characters, mostly CJK
  uint64_t max_part_bytes = 512ull << 20;   // any part of a workbook, inflated (zip bombs)
};

class TableReader {
 public:
  enum class Format { csv, xlsx };

  // A reader over `bytes`: an .xlsx workbook when they are a zip archive, else CSV. Fails at
  // once when a workbook cannot be opened or has no sheet, or when the text is neither UTF-8
  // nor GB18030.
  static Result<std::unique_ptr<TableReader>> open(std::string bytes, TableLimits limits = {});

  virtual ~TableReader() = default;
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;

  virtual Format format() const = 0;
  // The next row that is not empty, nullopt after the last. After an error the reader is spent.
  virtual Result<std::optional<TableRow>> next() = 0;

 protected:
  TableReader() = default;
};

}  // namespace shequ
